// Prompted speech recording: Record / Stop / Play / Re-record with
// auto-advance, the last take's waveform, level warnings and shortcuts
// (R record/stop, P play, E re-record, ←/→ previous/next prompt) anywhere in
// the recorder's panel (`keyTarget`) outside text fields. While a take
// records, focus sits on Stop, so R, Space and Enter all end it.
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Meter, Label } from 'react-aria-components';
import type { StudioSample } from '../../src-common/api';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { LEVEL_MESSAGES, levelWarning } from './level-check';
import type { RecorderProps } from './studio-kinds';
import { playSamples, TakeRecorder } from './take-recorder';
import { Waveform } from './Waveform';

const levelPercent = (dbfs: number) =>
  Number.isFinite(dbfs) ? Math.round(Math.min(100, Math.max(0, ((dbfs + 60) / 60) * 100))) : 0;

export function SpeechRecorder({
  keyTarget,
  dataset,
  prompt,
  person: speaker,
  onNext,
  onPrevious,
  onSaved,
}: RecorderProps) {
  const api = useApi();
  const [level, setLevel] = useState(-Infinity);
  const recorder = useRef<TakeRecorder | null>(null);
  const [recording, setRecording] = useState(false);
  const [busy, setBusy] = useState(false);
  const [take, setTake] = useState<{ sample: StudioSample; samples: Float32Array } | null>(null);
  const [autoAdvance, setAutoAdvance] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const replacing = useRef<string | null>(null);

  useEffect(() => {
    const r = new TakeRecorder(api, setLevel);
    recorder.current = r;
    return () => void r.dispose();
  }, [api]);

  const record = async (replaceId: string | null) => {
    if (recording || busy || !prompt) return;
    setError(null);
    setBusy(true);
    replacing.current = replaceId;
    try {
      await recorder.current!.start({ dataset, text: prompt, speaker, replaceId });
      setRecording(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const stop = async () => {
    if (!recording || busy) return;
    setBusy(true);
    try {
      const result = await recorder.current!.stop();
      setTake(result);
      onSaved(result.sample);
      if (autoAdvance && !replacing.current && !levelWarning(result.samples)) onNext();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRecording(false);
      setBusy(false);
    }
  };
  const play = () => take && void playSamples(take.samples, 16000);
  const rerecord = () => take && void record(take.sample.id);

  const stopButton = useRef<HTMLButtonElement>(null);
  const recordButton = useRef<HTMLButtonElement>(null);
  // The button pressed becomes disabled; focus moves to the one that undoes it.
  const wasRecording = useRef(false);
  useEffect(() => {
    if (recording) stopButton.current?.focus();
    else if (wasRecording.current) {
      const active = document.activeElement;
      if (!active || active === document.body || keyTarget.current?.contains(active))
        recordButton.current?.focus();
    }
    wasRecording.current = recording;
  }, [recording, keyTarget]);

  // Re-attached on every render so the listener sees the current take.
  useEffect(() => {
    const el = keyTarget.current;
    if (!el) return;
    const listener = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      if (target.closest('[role="listbox"], [role="dialog"]')) return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const action = {
        r: () => (recording ? void stop() : void record(null)),
        p: play,
        e: rerecord,
        arrowright: onNext,
        arrowleft: onPrevious,
      }[e.key.toLowerCase()];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    el.addEventListener('keydown', listener);
    return () => el.removeEventListener('keydown', listener);
  });
  const warning = take ? levelWarning(take.samples) : null;

  return (
    <div className="recorder">
      <div className="toolbar">
        <Button
          ref={recordButton}
          onPress={() => void record(null)}
          isDisabled={recording || !prompt}
          isPending={busy && !recording}
        >
          Record
        </Button>
        <Button
          ref={stopButton}
          onPress={() => void stop()}
          isDisabled={!recording}
          isPending={busy && recording}
        >
          Stop
        </Button>
        <Button onPress={play} isDisabled={!take || recording}>
          Play
        </Button>
        <Button onPress={rerecord} isDisabled={!take || recording || busy}>
          Re-record
        </Button>
        <Checkbox isSelected={autoAdvance} onChange={setAutoAdvance}>
          Auto-advance
        </Checkbox>
      </div>
      <p className="quiet">
        Shortcuts, anywhere in this panel except while typing in a field: R record/stop, P play, E
        re-record, ← → previous/next prompt.
      </p>
      <Meter value={levelPercent(level)} aria-label="Recording level" className="level-meter">
        <Label>Recording level</Label>
        <div className="meter-bar" aria-hidden>
          <div className="meter-fill" style={{ width: `${levelPercent(level)}%` }} />
        </div>
      </Meter>
      <p aria-live="polite" data-testid="take-status">
        {recording
          ? `Recording "${prompt}"…`
          : take
            ? `Saved "${take.sample.text}" (${take.sample.duration.toFixed(1)} s)`
            : ''}
      </p>
      <Waveform samples={take?.samples ?? null} label="Waveform of the last take" />
      {warning && (
        <p role="alert" className="inline-warning">
          {LEVEL_MESSAGES[warning]}
        </p>
      )}
      <InlineError message={error} />
    </div>
  );
}
