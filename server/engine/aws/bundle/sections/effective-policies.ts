// EffectivePolicies ([describe-effective-policy outputs]): recorded effective policies, which only
// `lzsim effective-policy` reads (server/services/describe-effective-policy.ts: an account keeps its last valid one).
// A design computes its effective policies, so the model holds none; the key is part of the format all the same.
import type { BundleSection } from '../context';

/** Recorded effective policies: known to the format, not part of the model. */
export const effectivePoliciesSection: BundleSection = {
  keys: ['EffectivePolicies'],
  read() {},
};
