// The N-API binding of the native kernels (plain C, context-aware: it loads
// in every worker thread and Electron process, each with its own scratch).
// Arguments are positional as in engine/kernels/kernels.ts: Float32Array or
// Int32Array views (any offset, ArrayBuffer or SharedArrayBuffer) and numbers.
// The TypeScript wrapper (../native-kernels.ts) checks every shape and length
// before calling, so the binding only checks the argument types.
#include <stdbool.h>
#include <stdlib.h>
#include <node_api.h>
#include "kernels.h"

#define MAX_ARGS 13 /* adamUpdate */

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  Workspace *ws;
  bool failed;
} Call;

static bool begin(napi_env env, napi_callback_info info, size_t expected, Call *call) {
  size_t argc = MAX_ARGS;
  call->env = env;
  call->failed = false;
  if (napi_get_cb_info(env, info, &argc, call->argv, NULL, NULL) != napi_ok) return false;
  if (argc != expected) {
    napi_throw_type_error(env, NULL, "native kernels: wrong number of arguments");
    return false;
  }
  if (napi_get_instance_data(env, (void **)&call->ws) != napi_ok || !call->ws) {
    napi_throw_error(env, NULL, "native kernels: no per-thread workspace");
    return false;
  }
  return true;
}

static void fail(Call *call, const char *message) {
  if (!call->failed) napi_throw_type_error(call->env, NULL, message);
  call->failed = true;
}

static void *typed(Call *call, int i, napi_typedarray_type want, const char *message) {
  napi_typedarray_type type;
  size_t length;
  void *data = NULL;
  bool is;
  if (napi_is_typedarray(call->env, call->argv[i], &is) != napi_ok || !is ||
      napi_get_typedarray_info(call->env, call->argv[i], &type, &length, &data, NULL, NULL) !=
          napi_ok ||
      type != want) {
    fail(call, message);
    return NULL;
  }
  // A zero-length view may have no backing store; kernels never touch it then.
  return data;
}

static float *f32(Call *call, int i) {
  return typed(call, i, napi_float32_array, "native kernels: expected a Float32Array");
}

/** A Float32Array or null (→ NULL). */
static float *f32_or_null(Call *call, int i) {
  napi_valuetype t;
  if (napi_typeof(call->env, call->argv[i], &t) == napi_ok && t == napi_null) return NULL;
  return f32(call, i);
}

static int32_t *i32(Call *call, int i) {
  return typed(call, i, napi_int32_array, "native kernels: expected an Int32Array");
}

static double num(Call *call, int i) {
  double v = 0;
  if (napi_get_value_double(call->env, call->argv[i], &v) != napi_ok)
    fail(call, "native kernels: expected a number");
  return v;
}

static int integer(Call *call, int i) { return (int)num(call, i); }

static bool flag(Call *call, int i) {
  bool v = false;
  if (napi_get_value_bool(call->env, call->argv[i], &v) != napi_ok)
    fail(call, "native kernels: expected a boolean");
  return v;
}

static napi_value done(Call *call, int status) {
  if (!call->failed && status != 0)
    napi_throw_error(call->env, NULL, "native kernels: out of memory for the kernels' scratch");
  return NULL;
}

static napi_value js_gemm(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 9, &k)) return NULL;
  const bool ta = flag(&k, 0), tb = flag(&k, 1);
  const int M = integer(&k, 2), N = integer(&k, 3), K = integer(&k, 4);
  const float *A = f32(&k, 5), *B = f32(&k, 6);
  const float beta = (float)num(&k, 7);
  float *C = f32(&k, 8);
  if (k.failed) return NULL;
  return done(&k, gemm(k.ws, ta, tb, M, N, K, A, B, beta, C));
}

static napi_value js_lstm_cell_forward(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 6, &k)) return NULL;
  const int rows = integer(&k, 0), H = integer(&k, 1);
  float *gates = f32(&k, 2);
  const float *cPrev = f32_or_null(&k, 3);
  float *c = f32(&k, 4), *h = f32(&k, 5);
  if (k.failed) return NULL;
  lstm_cell_forward(rows, H, gates, cPrev, c, h);
  return NULL;
}

static napi_value js_lstm_cell_backward(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 8, &k)) return NULL;
  const int rows = integer(&k, 0), H = integer(&k, 1);
  const float *gates = f32(&k, 2), *cPrev = f32_or_null(&k, 3), *c = f32(&k, 4);
  const float *dh = f32(&k, 5);
  float *dc = f32(&k, 6), *dGates = f32(&k, 7);
  if (k.failed) return NULL;
  lstm_cell_backward(rows, H, gates, cPrev, c, dh, dc, dGates);
  return NULL;
}

static napi_value js_lstm_sequence_forward(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 10, &k)) return NULL;
  const int T = integer(&k, 0), H = integer(&k, 1);
  const float *pre = f32(&k, 2), *bias = f32(&k, 3), *wh = f32(&k, 4);
  const bool reverse = flag(&k, 5);
  float *h = f32(&k, 6), *c = f32(&k, 7), *out = f32(&k, 8);
  const int outStride = integer(&k, 9);
  if (k.failed) return NULL;
  return done(&k, lstm_sequence_forward(k.ws, T, H, pre, bias, wh, reverse, h, c, out, outStride));
}

static napi_value js_adam_update(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 13, &k)) return NULL;
  const double n = num(&k, 0);
  float *w = f32(&k, 1);
  const float *g = f32(&k, 2);
  float *m = f32(&k, 3), *v = f32(&k, 4);
  AdamStep s;
  float *fields[] = {&s.lr, &s.beta1, &s.beta2, &s.eps, &s.c1, &s.c2, &s.l2, &s.shrink};
  for (int i = 0; i < 8; i++) *fields[i] = (float)num(&k, 5 + i);
  if (k.failed) return NULL;
  adam_update((size_t)n, w, g, m, v, &s);
  return NULL;
}

static napi_value js_lstm_sequence_train_forward(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 10, &k)) return NULL;
  const int T = integer(&k, 0), B = integer(&k, 1), H = integer(&k, 2);
  float *gates = f32(&k, 3);
  const float *bias = f32(&k, 4), *wh = f32(&k, 5);
  const bool reverse = flag(&k, 6);
  const int32_t *lengths = i32(&k, 7);
  float *h = f32(&k, 8), *c = f32(&k, 9);
  if (k.failed) return NULL;
  return done(&k, lstm_sequence_train_forward(k.ws, T, B, H, gates, bias, wh, reverse, lengths,
                                              h, c));
}

static napi_value js_lstm_sequence_train_backward(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 12, &k)) return NULL;
  const int T = integer(&k, 0), B = integer(&k, 1), H = integer(&k, 2);
  const float *gates = f32(&k, 3), *c = f32(&k, 4), *dY = f32(&k, 5);
  const int dyStride = integer(&k, 6);
  const float *wh = f32(&k, 7);
  const bool reverse = flag(&k, 8);
  const int32_t *lengths = i32(&k, 9);
  float *dGates = f32(&k, 10), *dBias = f32(&k, 11);
  if (k.failed) return NULL;
  return done(&k, lstm_sequence_train_backward(k.ws, T, B, H, gates, c, dY, dyStride, wh,
                                               reverse, lengths, dGates, dBias));
}

/** Set once at load: whether the CPU has VNNI (same answer in every thread). */
static int vnni;

static napi_value js_int8_gemm(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 7, &k)) return NULL;
  const int M = integer(&k, 0), K = integer(&k, 1), N = integer(&k, 2);
  const float *x = f32(&k, 3), *block = f32(&k, 4);
  float *out = f32(&k, 5);
  const bool useVnni = flag(&k, 6) && vnni;
  if (k.failed) return NULL;
  return done(&k, int8_gemm(k.ws, useVnni, M, K, N, x, block, out));
}

static napi_value js_lstm_sequence_forward_int8(napi_env env, napi_callback_info info) {
  Call k;
  if (!begin(env, info, 11, &k)) return NULL;
  const int T = integer(&k, 0), H = integer(&k, 1);
  const float *pre = f32(&k, 2), *bias = f32(&k, 3), *block = f32(&k, 4);
  const bool reverse = flag(&k, 5);
  float *h = f32(&k, 6), *c = f32(&k, 7), *out = f32(&k, 8);
  const int outStride = integer(&k, 9);
  const bool useVnni = flag(&k, 10) && vnni;
  if (k.failed) return NULL;
  return done(&k, lstm_sequence_forward_int8(k.ws, useVnni, T, H, pre, bias, block, reverse, h,
                                             c, out, outStride));
}

static void free_workspace(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Workspace *ws = data;
  scratch_free(&ws->gemm_a);
  scratch_free(&ws->gemm_b);
  scratch_free(&ws->weights);
  scratch_free(&ws->step);
  free(ws);
}

static napi_value set(napi_env env, napi_value exports, const char *name, napi_value value) {
  napi_set_named_property(env, exports, name, value);
  return exports;
}

NAPI_MODULE_INIT() {
  // Without AVX2 + FMA the module exports only `unsupported`, the reason.
  if (!cpu_has_avx2_fma()) {
    napi_value why;
    napi_create_string_utf8(env, "this CPU lacks AVX2 or FMA", NAPI_AUTO_LENGTH, &why);
    return set(env, exports, "unsupported", why);
  }
  Workspace *ws = calloc(1, sizeof(Workspace));
  if (!ws || napi_set_instance_data(env, ws, free_workspace, NULL) != napi_ok) {
    free(ws);
    napi_throw_error(env, NULL, "native kernels: cannot allocate the per-thread workspace");
    return NULL;
  }
  vnni = cpu_has_vnni();
  napi_value hasVnni;
  napi_get_boolean(env, vnni, &hasVnni);
  set(env, exports, "int8Vnni", hasVnni);
  const napi_property_descriptor functions[] = {
      {"gemm", NULL, js_gemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmCellForward", NULL, js_lstm_cell_forward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmCellBackward", NULL, js_lstm_cell_backward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmSequenceForward", NULL, js_lstm_sequence_forward, NULL, NULL, NULL, napi_enumerable,
       NULL},
      {"adamUpdate", NULL, js_adam_update, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmSequenceTrainForward", NULL, js_lstm_sequence_train_forward, NULL, NULL, NULL,
       napi_enumerable, NULL},
      {"lstmSequenceTrainBackward", NULL, js_lstm_sequence_train_backward, NULL, NULL, NULL,
       napi_enumerable, NULL},
      {"int8Gemm", NULL, js_int8_gemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmSequenceForwardInt8", NULL, js_lstm_sequence_forward_int8, NULL, NULL, NULL,
       napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions);
  return exports;
}
