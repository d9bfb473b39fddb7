'use client';
import { OUTCOME_LABELS, type ChainLevel } from './trace-model';

/** The path root → account of an SCP or RCP chain, each level's answer, and the level that stopped the request. */
export function LevelPath({ levels, label }: { levels: readonly ChainLevel[]; label: string }) {
  if (levels.length === 0) return null;
  return (
    <ol className="level-path" aria-label={label}>
      {levels.map((level) => (
        <li key={level.targetId} className={`level-path__item level-path__item--${level.outcome}${level.stopped ? ' level-path__item--stopped' : ''}`}
          aria-label={`${level.targetName} (${level.kind}): ${OUTCOME_LABELS[level.outcome]}${level.stopped ? ', stopped the request here' : ''}`}>
          <span className="level-path__dot" aria-hidden="true" />
          <span className="level-path__name" title={level.targetId}>{level.targetName} <span className="mono">{level.kind === 'account' ? '' : level.targetId}</span></span>
          {level.stopped ? <span className="level-path__stop">stopped here</span> : <span className={`decision-chip decision-chip--${level.outcome}`}>{OUTCOME_LABELS[level.outcome]}</span>}
        </li>
      ))}
    </ol>
  );
}
