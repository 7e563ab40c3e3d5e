// The Dictate view: live dictation into an editable transcript, file
// transcription, hotwords, model choice, copy and export, spoken commands.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Menu,
  MenuItem,
  MenuTrigger,
  Meter,
  Popover,
  Select,
  SelectValue,
  Switch,
  Text,
  TextArea,
  TextField,
  type Key,
} from 'react-aria-components';
import type {
  ModelInfo,
  RecognitionResult,
  SpeechModelChoice,
  VocabularyEntry,
} from '../../src-common/api';
import {
  inverseNormalize,
  inverseNormalizeText,
  knownWords,
  listedWords,
  markSpelled,
} from '../../engine/index';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { useRememberedText } from '../components/use-remembered-text';
import { useSettled } from '../components/use-settled';
import { VocabularySettings, type VocabularyWording } from '../components/VocabularySettings';
import { listMicrophones, type Microphone } from './capture/audio-capture';
import type { DictationSettings } from './dictation-controller';
import { downloadText } from './download';
import { toJson, toSrt, toTxt } from './export-formats';
import { applyUtterance, SPOKEN_COMMANDS, type SpokenWord } from './spoken-commands';
import { editTranscript, emptyTranscript, shownWords } from './transcript';
import { TranscribeFile } from './TranscribeFile';
import { useDictation } from './use-dictation';
import { WhatCanISay } from './WhatCanISay';
import { MarkedWords, WordList } from './WordList';

const DEFAULT_DEVICE = 'default';
const ACTIVE_MODEL = 'active';
/** How long typing in Hotwords or Vocabulary pauses before the model choice is asked again (ms). */
const CHOICE_SETTLE_MS = 400;

/** dBFS → 0..100 over the useful −60..0 dB range. */
const levelPercent = (dbfs: number) =>
  Number.isFinite(dbfs) ? Math.round(Math.min(100, Math.max(0, ((dbfs + 60) / 60) * 100))) : 0;

const VOCABULARY_WORDING: VocabularyWording = {
  empty: 'Leave empty to allow any words.',
  help: 'One word or phrase per line (# starts a comment, word:2 favours a word, John = jon writes John for what sounds like jon).',
  placeholder: 'yes\nno\nnew york\nstop:2',
};

/** The hint for a list without any spoken command: only listed words can be heard, commands too. */
function commandsHint(entries: readonly VocabularyEntry[]): string {
  const listed = new Set(entries.map((e) => e.phrase.toLowerCase()));
  if (SPOKEN_COMMANDS.some((c) => listed.has(c.phrase))) return '';
  return ` Spoken commands are heard only when listed too: add those you use (${SPOKEN_COMMANDS.map((c) => c.phrase).join(', ')}).`;
}

const parseHotwords = (text: string) =>
  text
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter(Boolean);

export function DictateView() {
  const api = useApi();
  const [transcript, setTranscript] = useState(emptyTranscript);
  const [commands, setCommands] = useState(true);
  const [digits, setDigits] = useState(true);
  const [deviceId, setDeviceId] = useState<Key>(DEFAULT_DEVICE);
  const [microphones, setMicrophones] = useState<Microphone[]>([]);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [modelKey, setModelKey] = useState<Key>(ACTIVE_MODEL);
  const [hotwordsText, setHotwordsText] = useRememberedText('verbatim.dictate.hotwords');
  const [vocabulary, setVocabulary] = useState<VocabularyEntry[] | null>(null);
  const [processing, setProcessing] = useState({
    echoCancellation: false,
    noiseSuppression: false,
    autoGainControl: false,
  });
  const [copyStatus, setCopyStatus] = useState('');
  const hotwords = useMemo(() => parseHotwords(hotwordsText), [hotwordsText]);
  // The words of the model that recognizes, by its id (words null: it spells everything as heard).
  const [domainWords, setDomainWords] = useState<{ id: string; words: string[] | null } | null>(
    null,
  );
  // The model these settings recognize with (a broad one when the vocabulary
  // leaves the active model's domain), and the note that says why (or that
  // hotwords are outside its domain).
  const [choice, setChoice] = useState<SpeechModelChoice | null>(null);
  const recognizingId = choice?.model?.id ?? null;
  const dictionary = domainWords?.id === recognizingId ? domainWords.words : null;
  const known = useMemo(
    () => knownWords(dictionary, listedWords(vocabulary, hotwords)),
    [dictionary, hotwords, vocabulary],
  );

  const onUtterance = useCallback(
    (result: RecognitionResult, offset: number) => {
      // on the recording's clock; a result without word timings sits at its start
      const timed: SpokenWord[] = result.words.length
        ? result.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset }))
        : result.text
            .split(/\s+/)
            .map((word) => ({ word, start: offset, end: offset, confidence: 1 }));
      const words = markSpelled(timed, known);
      setTranscript((t) => applyUtterance(t, digits ? inverseNormalize(words) : words, commands));
    },
    [commands, digits, known],
  );
  const dictation = useDictation(api, onUtterance);
  const { phase, level, sentSeconds, partial, partialWords, notice, error } = dictation.state;
  // The live guess marked as the final text will be (a partial without words: its text).
  const liveWords = useMemo(() => {
    const marked = markSpelled(partialWords, known);
    return digits ? inverseNormalize(marked) : marked;
  }, [partialWords, known, digits]);
  const active = phase === 'starting' || phase === 'listening';

  const modelId = modelKey === ACTIVE_MODEL ? null : String(modelKey);
  // The choice follows the lists once typing pauses: at each key a half-typed
  // word would flash another model's note. (Dictation takes the lists as they are.)
  const askedVocabulary = useSettled(vocabulary, CHOICE_SETTLE_MS);
  const askedHotwords = useSettled(hotwords, CHOICE_SETTLE_MS);
  useEffect(() => {
    let current = true;
    api.chooseSpeechModel({ modelId, vocabulary: askedVocabulary, hotwords: askedHotwords }).then(
      (c) => current && setChoice(c),
      () => current && setChoice(null),
    );
    return () => {
      current = false;
    };
  }, [api, modelId, askedVocabulary, askedHotwords]);
  useEffect(() => {
    let current = true;
    if (recognizingId !== null)
      api.getModelDomain({ modelId: recognizingId }).then(
        (d) => current && setDomainWords({ id: recognizingId, words: d.words }),
        () => {},
      );
    return () => {
      current = false;
    };
  }, [api, recognizingId]);
  // The active speech model's name, so the Model picker says which one "active" is.
  const [activeName, setActiveName] = useState<string | null>(null);
  useEffect(() => {
    api.chooseSpeechModel({ modelId: null, vocabulary: null, hotwords: [] }).then(
      (c) => setActiveName(c.model?.name ?? null),
      () => setActiveName(null),
    );
  }, [api]);
  const settings: DictationSettings = {
    deviceId: deviceId === DEFAULT_DEVICE ? undefined : String(deviceId),
    ...processing,
    hotwords,
    vocabulary,
    modelId,
  };

  useEffect(() => {
    const refresh = () => listMicrophones().then(setMicrophones, () => setMicrophones([]));
    refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    api.listModels().then(
      (all) => setModels(all.filter((m) => m.role === 'speech')),
      () => setModels([]),
    );
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, [api]);
  // Device names become visible once the microphone was allowed.
  useEffect(() => {
    if (phase === 'listening') listMicrophones().then(setMicrophones, () => {});
  }, [phase]);

  // The global push-to-talk shortcut (Electron) toggles dictation.
  const { toggle } = dictation;
  const settingsKey = JSON.stringify(settings);
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'shortcut') void toggle(JSON.parse(settingsKey) as DictationSettings);
      }),
    [api, toggle, settingsKey],
  );

  // The word list and every export are made from the transcript as shown.
  const words = useMemo(() => shownWords(transcript), [transcript]);
  const exportAs = (key: Key) => {
    if (key === 'txt') downloadText('transcript.txt', toTxt(transcript.text), 'text/plain');
    if (key === 'srt') downloadText('transcript.srt', toSrt(words), 'application/x-subrip');
    if (key === 'json') {
      downloadText('transcript.json', toJson(transcript), 'application/json');
    }
  };

  return (
    <div className="view dictate">
      <section aria-labelledby="dictation-heading" className="panel">
        <h2 id="dictation-heading">Dictation</h2>
        <div className="toolbar">
          <Button
            className="react-aria-Button primary"
            onPress={() => void (active ? dictation.stop() : dictation.start(settings))}
          >
            {active ? 'Stop dictation' : 'Start dictation'}
          </Button>
          {/* Never disabled while pressed: that would cancel the press and stop at once. */}
          <Button
            onPressStart={() => void dictation.start(settings)}
            onPressEnd={() => void dictation.stop()}
          >
            Hold to talk
          </Button>
          <WhatCanISay modelId={choice?.model?.id ?? modelId} vocabulary={vocabulary} />
          <Meter className="level-meter" value={levelPercent(level)}>
            {({ percentage }) => (
              <>
                <Label>Input level</Label>
                <div className="meter-bar" aria-hidden>
                  <div className="meter-fill" style={{ width: `${percentage}%` }} />
                </div>
              </>
            )}
          </Meter>
        </div>
        <p className="capture-status" data-testid="capture-status">
          {phase === 'idle' && sentSeconds === 0 && 'Not listening.'}
          {phase === 'idle' &&
            sentSeconds > 0 &&
            `Stopped. Sent ${sentSeconds.toFixed(1)} s of audio.`}
          {phase === 'starting' && 'Starting the microphone…'}
          {phase === 'listening' && `Listening. Sent ${sentSeconds.toFixed(1)} s of audio.`}
          {phase === 'stopping' && 'Finishing…'}
        </p>
        <InlineError message={error} />
        {choice?.note && (
          <p role="status" className="inline-notice" data-testid="model-choice">
            {choice.note}
          </p>
        )}
        {notice && (
          <p role="alert" className="inline-notice">
            {notice}
          </p>
        )}
        <div role="region" aria-label="Live text" aria-live="polite" className="live-text">
          {liveWords.length > 0 ? (
            <MarkedWords words={liveWords} passive />
          ) : digits ? (
            inverseNormalizeText(partial)
          ) : (
            partial
          )}
        </div>
        <TextField
          className="transcript"
          value={transcript.text}
          onChange={(text) => setTranscript((t) => editTranscript(t, text))}
        >
          <Label>Transcript</Label>
          <TextArea rows={8} />
        </TextField>
        <WordList words={words} label="Recognized words and their timings" />
        <div className="toolbar">
          <Button
            onPress={() =>
              navigator.clipboard.writeText(transcript.text).then(
                () => setCopyStatus('Copied.'),
                () => setCopyStatus('Copying was refused; select the text and press Ctrl+C.'),
              )
            }
          >
            Copy
          </Button>
          <MenuTrigger>
            <Button>Export</Button>
            <Popover>
              <Menu aria-label="Export format" onAction={exportAs}>
                <MenuItem id="txt">Text (.txt)</MenuItem>
                <MenuItem id="srt">Subtitles with word timings (.srt)</MenuItem>
                <MenuItem id="json">JSON with words and timings (.json)</MenuItem>
              </Menu>
            </Popover>
          </MenuTrigger>
          <span role="status" className="quiet">
            {copyStatus}
          </span>
        </div>
      </section>

      <section aria-labelledby="settings-heading" className="panel">
        <h2 id="settings-heading">Settings</h2>
        <Select value={deviceId} onChange={(k) => k !== null && setDeviceId(k)}>
          <Label>Microphone</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox>
              <ListBoxItem id={DEFAULT_DEVICE}>System default</ListBoxItem>
              {microphones.map((m) => (
                <ListBoxItem key={m.deviceId} id={m.deviceId}>
                  {m.label}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <Select value={modelKey} onChange={(k) => k !== null && setModelKey(k)}>
          <Label>Model</Label>
          <Button>
            <SelectValue />
          </Button>
          <Popover>
            <ListBox>
              <ListBoxItem id={ACTIVE_MODEL}>
                {activeName ? `Active speech model (${activeName})` : 'Active speech model'}
              </ListBoxItem>
              {models.map((m) => (
                <ListBoxItem key={m.id} id={m.id}>
                  {m.name}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <TextField value={hotwordsText} onChange={setHotwordsText}>
          <Label>Hotwords</Label>
          <Input />
          <Text slot="description">
            Words or names to prefer, separated by commas (used from the next dictation).
          </Text>
        </TextField>
        <VocabularySettings
          storageKey="verbatim.dictate.vocabulary"
          wording={VOCABULARY_WORDING}
          onChange={setVocabulary}
          modelProblem={choice?.problem ?? null}
          hint={commands ? commandsHint : undefined}
        />
        <fieldset className="checks">
          <legend>Browser audio processing (off suits the models best)</legend>
          <Checkbox
            isSelected={processing.echoCancellation}
            onChange={(v) => setProcessing((p) => ({ ...p, echoCancellation: v }))}
          >
            Echo cancellation
          </Checkbox>
          <Checkbox
            isSelected={processing.noiseSuppression}
            onChange={(v) => setProcessing((p) => ({ ...p, noiseSuppression: v }))}
          >
            Noise suppression
          </Checkbox>
          <Checkbox
            isSelected={processing.autoGainControl}
            onChange={(v) => setProcessing((p) => ({ ...p, autoGainControl: v }))}
          >
            Automatic gain
          </Checkbox>
        </fieldset>
        <Switch isSelected={commands} onChange={setCommands}>
          Spoken commands
        </Switch>
        <Switch isSelected={digits} onChange={setDigits} aria-describedby="digits-description">
          Write numbers as digits
        </Switch>
        <p id="digits-description" className="quiet switch-description">
          “seven three” → 73, “march fifth” → March 5, “three thirty p m” → 3:30 PM, “five dollars”
          → $5. Numbers below ten standing alone stay words; spelled letters and digits (“b seven
          three”) are kept as said.
        </p>
        <details className="help">
          <summary>Help: spoken commands and shortcuts</summary>
          <p>With Spoken commands on, these phrases act instead of being typed:</p>
          <dl>
            {SPOKEN_COMMANDS.map((c) => (
              <div key={c.phrase}>
                <dt>“{c.phrase}”</dt>
                <dd>{c.effect}</dd>
              </div>
            ))}
          </dl>
          <p>
            Hold to talk listens while the button is pressed, or while Space is held down with the
            button focused. In the desktop app, Ctrl+Shift+Space (⌘⇧Space on macOS) starts and stops
            dictation from anywhere. Words the recognizer is unsure of, or spelled as heard outside
            the model's words, are underlined.
          </p>
        </details>
      </section>

      <TranscribeFile
        known={known}
        hotwords={hotwords}
        vocabulary={vocabulary}
        modelId={modelId}
        digits={digits}
      />
    </div>
  );
}
