/**
 * Put a question to the selected persona. The worker answers in the persona's voice from its
 * beliefs and memory, and changes nothing: the run, its beliefs and its memory stay as they were.
 */
import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { errorText } from '../sendable.ts';
import { sourceText } from './personaText.ts';

/** The protocol's limit on a question (protocol.ts, command `interview`). */
export const QUESTION_MAX = 500;
/** Answers shown for one persona, newest first. */
const SHOWN = 3;

/** The box for one persona; mount it with `key={agentId}` so a new selection starts afresh. */
export function InterviewBox({ agentId, name }: { readonly agentId: number; readonly name: string }) {
  countRender('CommunityPanel.interview');
  const ctx = useSandboxContext();
  const interviews = useSandbox((s) => s.interviews);
  const answers = useMemo(() => interviews.filter((i) => i.agentId === agentId).slice(0, SHOWN), [interviews, agentId]);
  const [question, setQuestion] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const text = question.trim();
    if (text === '' || pending) return;
    setPending(true);
    setError(null);
    ctx.client.interview(agentId, text).then(
      () => {
        setQuestion('');
        setPending(false);
      },
      (reason: unknown) => {
        setError(errorText(reason));
        setPending(false);
      },
    );
  };
  return (
    <form className="interview" onSubmit={submit} data-testid="interview">
      <label htmlFor={inputId}>{`Ask ${name} a question`}</label>
      <div className="interview-row">
        <input
          id={inputId}
          type="text"
          maxLength={QUESTION_MAX}
          value={question}
          aria-describedby={hintId}
          placeholder="What do you think, and why?"
          onChange={(event) => {
            setQuestion(event.target.value);
          }}
        />
        <button type="submit" disabled={pending || question.trim() === ''}>
          {pending ? 'Asking…' : 'Ask'}
        </button>
      </div>
      <p className="field-hint" id={hintId}>
        An interview changes nothing: {name}’s beliefs and memory stay as they are. At most {QUESTION_MAX} characters.
      </p>
      <div aria-live="polite">
        {error ? <p className="field-error">{error}</p> : null}
        {answers.map((a) => (
          <div className="interview-answer" key={a.seq}>
            <p className="muted">{`Q: ${a.question}`}</p>
            <p>{a.answer}</p>
            <p className="field-hint">{`Answered by ${sourceText(a.source)}.`}</p>
          </div>
        ))}
      </div>
    </form>
  );
}
