'use client';

/** The draft's verdict beside the document label: valid, remarks or errors, and its size against the quota. */
export function ValidationStatus(props: { loading: boolean; failed: boolean; errorCount: number; findingCount: number; size?: { characters: number; quota: number } }) {
  const { loading, failed, errorCount, findingCount, size } = props;
  let text = 'Valid';
  let tone = 'ok';
  if (failed) [text, tone] = ['Not checked', 'warning'];
  else if (errorCount > 0) [text, tone] = [`${errorCount} error${errorCount === 1 ? '' : 's'}: AWS would refuse it`, 'error'];
  else if (findingCount > 0) [text, tone] = [`Valid, ${findingCount} remark${findingCount === 1 ? '' : 's'}`, 'warning'];
  return (
    <span className="validation-status" aria-live="polite">
      <span className={`validation-status__text validation-status__text--${tone}`}>{loading ? 'Checking…' : text}</span>
      {size ? (
        <span className={`validation-status__size${size.characters > size.quota ? ' validation-status__size--over' : ''}`}>
          {size.characters.toLocaleString('en-US')} / {size.quota.toLocaleString('en-US')} characters
        </span>
      ) : null}
    </span>
  );
}
