'use client';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { shareBackground, useServiceShares } from './service-share';
import './matrix.css';

/**
 * The request bar's toggle for the org graph's service overlay: choose a service (catalogue prefixes offered as you
 * type) and every account card shows the share of its actions the account may use; Hide clears it.
 */
export function ServiceOverlayPicker() {
  const trpc = useTRPC();
  const service = useEditorStore((state) => state.serviceOverlay);
  const setServiceOverlay = useEditorStore((state) => state.setServiceOverlay);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const services = useQuery({ ...trpc.catalog.services.queryOptions(), enabled: focused || draft !== '', staleTime: Infinity });
  const { pending, error } = useServiceShares();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = draft.trim().toLowerCase();
    if (!wanted) {
      setProblem('Type a service prefix, e.g. s3 or ec2.');
      return;
    }
    // The catalogue's services, loaded on first focus (or now): a prefix it does not list is refused here.
    const list = services.data ?? (await services.refetch()).data;
    if (list && !list.services.some((entry) => entry.service === wanted)) setProblem(`"${wanted}" is not a service prefix of the IAM action catalogue.`);
    else {
      setProblem(null);
      setServiceOverlay(wanted);
    }
  };
  if (service) {
    return (
      <span className="service-overlay-toggle">
        {error ? (
          <span className="service-overlay-toggle__problem" role="alert">The {service} overlay failed: {error}</span>
        ) : (
          <span className="request-bar__hint" role="status">
            {pending ? `Computing each account's share of ${service}…` : `Cards show the share of ${service}'s actions each account may use.`}
          </span>
        )}
        <button type="button" className="toolbar-button" onClick={() => setServiceOverlay(null)}>Hide service access</button>
      </span>
    );
  }
  return (
    <form className="service-overlay-toggle" onSubmit={(event) => void submit(event)} aria-label="Service access overlay">
      <label className="request-bar__hint" htmlFor="service-overlay-input">Service access on the cards</label>
      <input
        id="service-overlay-input"
        className="request-bar__select"
        list="service-overlay-services"
        placeholder="s3"
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'service-overlay-problem' : undefined}
        onFocus={() => setFocused(true)}
        onChange={(event) => setDraft(event.target.value)}
      />
      <datalist id="service-overlay-services">
        {services.data?.services.map((entry) => <option key={entry.service} value={entry.service}>{entry.actions} actions</option>)}
      </datalist>
      <button type="submit" className="toolbar-button">Show</button>
      {problem ? <span id="service-overlay-problem" className="service-overlay-toggle__problem" role="alert">{problem}</span> : null}
    </form>
  );
}

/** The canvas legend while the service overlay is shown: what the card colours and percentages mean. */
export function ServiceShareLegend({ service }: { service: string }) {
  const swatch = (label: string, cell: [number, number, number]) => (
    <li className="effective-legend__item"><span className="share-swatch" style={{ background: shareBackground(cell) }} aria-hidden="true" /> {label}</li>
  );
  return (
    <div className="graph-legend">
      <ul className="effective-legend" aria-label="Service access legend">
        <li className="effective-legend__item"><strong>{service}</strong>: % of its actions the account&apos;s principals may use (SCPs and RCPs)</li>
        {swatch('all', [1, 0, 0])}
        {swatch('half', [1, 1, 0])}
        {swatch('none', [0, 1, 0])}
        {swatch('mostly depends on context or principal', [0, 0, 1])}
      </ul>
    </div>
  );
}
