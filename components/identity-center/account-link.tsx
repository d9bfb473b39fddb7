import Link from 'next/link';

/** A link to an account in the editor: the editor selects it and opens its panel (its IAM roles). */
export function AccountLink({ designId, accountId, name }: { designId: string; accountId: string; name: string }) {
  return (
    <Link href={`/designs/${encodeURIComponent(designId)}?account=${accountId}`} title={`Open ${name || accountId} in the editor`}>
      {name ? `${name} · ` : ''}<span className="mono">{accountId}</span>
    </Link>
  );
}
