// Microphone capture: getUserMedia → AudioWorklet (16 kHz mono chunks) → ring
// buffer. The caller drains the ring at its own pace and disposes the capture.
import workletUrl from './capture-worklet.ts?worker&url';
import { CAPTURE_PROCESSOR, CAPTURE_RATE, type CaptureMessage } from './capture-protocol';
import { AudioRing } from './ring-buffer';

export interface CaptureOptions {
  /** A device from listMicrophones(), or undefined for the system default. */
  deviceId?: string;
  /** Browser speech processing: all off by default (the model was trained on raw audio). */
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
  /** Called ~10 times a second with the input level in dBFS (−∞..0). */
  onLevel(dbfs: number): void;
  /** Called whenever new audio is in the ring. */
  onData(): void;
}

export interface Capture {
  ring: AudioRing;
  /** Stops the microphone and the audio graph. */
  dispose(): Promise<void>;
}

/** Holds 30 s of 16 kHz audio: plenty of slack for a slow back end. */
const RING_SECONDS = 30;

export async function startCapture(options: CaptureOptions): Promise<Capture> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        deviceId: options.deviceId ? { exact: options.deviceId } : undefined,
        channelCount: 1,
        echoCancellation: options.echoCancellation,
        noiseSuppression: options.noiseSuppression,
        autoGainControl: options.autoGainControl,
      },
    });
  } catch (e) {
    const name = (e as DOMException).name;
    if (name === 'NotAllowedError') {
      throw new Error(
        'Microphone access was refused. Allow it in the browser or system settings and try again.',
      );
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      throw new Error('No such microphone. Plug one in or choose another in Microphone.');
    }
    throw e;
  }
  let context: AudioContext;
  try {
    context = new AudioContext({ sampleRate: CAPTURE_RATE });
  } catch {
    // Some browsers cannot run a 16 kHz graph; the worklet then resamples.
    context = new AudioContext();
  }
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
    });
    const ring = new AudioRing(CAPTURE_RATE * RING_SECONDS);
    node.port.onmessage = (message: MessageEvent<CaptureMessage>) => {
      ring.write(message.data.samples);
      options.onLevel(20 * Math.log10(message.data.rms));
      options.onData();
    };
    source.connect(node);
    return {
      ring,
      async dispose() {
        node.port.onmessage = null;
        source.disconnect();
        for (const track of stream.getTracks()) track.stop();
        await context.close();
      },
    };
  } catch (e) {
    for (const track of stream.getTracks()) track.stop();
    await context.close();
    throw e;
  }
}

export interface Microphone {
  deviceId: string;
  label: string;
}

/** Audio inputs; labels are empty until the user has allowed the microphone once. */
export async function listMicrophones(): Promise<Microphone[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== '')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
}
