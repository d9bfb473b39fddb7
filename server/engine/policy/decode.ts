// get-account-authorization-details returns policy documents URL-encoded ("%7B%22Version%22..."), and people
// paste them as they are. Decoding here means every consumer sees the JSON AWS actually stored.

const URL_ENCODED_START = /^\s*%7B/i;

/** True when the text looks like a URL-encoded JSON object (it starts with "%7B", an encoded "{"). */
export function isUrlEncodedPolicy(text: string): boolean {
  return URL_ENCODED_START.test(text);
}

/**
 * Decode a policy text that AWS returned URL-encoded; other text is returned unchanged.
 * Throws a URIError-derived Error naming the problem when the percent-encoding itself is broken.
 */
export function decodePolicyText(text: string): string {
  if (!isUrlEncodedPolicy(text)) return text;
  try {
    // IAM encodes with RFC 3986 rules, but some tools (and Python's quote_plus) write spaces as '+'.
    // A literal '+' inside a policy is encoded as %2B by both, so turning '+' into a space is safe.
    return decodeURIComponent(text.trim().replace(/\+/g, ' '));
  } catch {
    throw new Error('The policy text starts with "%7B" but is not valid URL encoding (a bad "%" escape).');
  }
}
