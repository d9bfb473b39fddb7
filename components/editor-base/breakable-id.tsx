import { Fragment } from 'react';

/**
 * An identifier such as AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS, an ARN or an email address, with line-break
 * opportunities after its separators (_ : / - . @), so a narrow column wraps it between its parts instead of cutting a word in two.
 */
export function BreakableId({ text }: { text: string }) {
  const parts = text.split(/(?<=[_:/.@-])/);
  return (
    <>
      {parts.map((part, index) => (
        // The parts of one string never reorder: the index is a stable key.
        <Fragment key={index}>{part}{index < parts.length - 1 ? <wbr /> : null}</Fragment>
      ))}
    </>
  );
}
