'use client';
import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { designNameSchema } from '@/server/schemas/design';
import { describeApiError, type ApiErrorDetails } from '../editor-base/api-error';
import { useTRPC, useTRPCClient } from '../trpc/client';
import { readZipTextFiles, ZipReadError } from './read-zip';

type Outcome =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'imported'; designId: string; name: string; summary: string; warnings: string[] }
  | { state: 'refused'; message: string; problems: ApiErrorDetails['importProblems'] };

/**
 * Creates a design from a file, with the CLI's validation (`lzsim import`): an AWS export bundle or an
 * aws-org-designer export (JSON), or a folder of AWS CLI outputs as a .zip. A refused file lists every problem
 * with its JSONPath (or file in the zip) and AWS's error code; nothing is written then.
 */
export function ImportDesignForm({ onImported }: { onImported?: (designId: string) => void } = {}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setOutcome({ state: 'refused', message: 'Choose a file to import.', problems: [] });
    const typedName = String(form.get('name') ?? '').trim();
    const name = typedName === '' ? undefined : designNameSchema.safeParse(typedName);
    if (name && !name.success) return setOutcome({ state: 'refused', message: `Name: ${name.error.issues[0].message}`, problems: [] });
    setOutcome({ state: 'working' });
    try {
      const report = file.name.toLowerCase().endsWith('.zip')
        ? await client.interchange.importCliFiles.mutate({ files: await readZipTextFiles(await file.arrayBuffer()), name: name?.data })
        : await client.interchange.importFile.mutate({ document: parseJson(await file.text(), file.name), name: name?.data, fileName: file.name });
      await queryClient.invalidateQueries({ queryKey: trpc.design.list.queryKey() });
      onImported?.(report.designId);
      const counts = report.counts;
      setOutcome({
        state: 'imported',
        designId: report.designId,
        name: report.name,
        summary: `${counts.organizationalUnits} OUs, ${counts.accounts} accounts, ${counts.policies} policies, ${counts.iamRoles} IAM roles`,
        warnings: report.warnings,
      });
    } catch (error) {
      if (error instanceof ZipReadError || error instanceof SyntaxError) return setOutcome({ state: 'refused', message: error.message, problems: [] });
      const details = describeApiError(error);
      setOutcome({
        state: 'refused',
        message: details.importProblems.length > 0
          ? `${file.name} was not imported (nothing was written): ${details.importProblems.length === 1 ? 'one problem' : `${details.importProblems.length} problems`}.`
          : details.message,
        problems: details.importProblems,
      });
    }
  }

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Import a design">
      <div className="field">
        <label htmlFor="import-file">File</label>
        <input id="import-file" name="file" type="file" accept=".json,.zip,application/json,application/zip" />
        <p className="field__hint muted small">An AWS export bundle or aws-org-designer export (.json), or a folder of AWS CLI outputs zipped (.zip).</p>
      </div>
      <div className="field">
        <label htmlFor="import-name">Name <span className="muted">(optional)</span></label>
        <input id="import-name" name="name" type="text" autoComplete="off" placeholder="Taken from the file when empty" />
      </div>
      <button type="submit" className="button" disabled={outcome.state === 'working'}>
        {outcome.state === 'working' ? 'Importing…' : 'Import'}
      </button>
      {outcome.state === 'imported' ? (
        <div role="status" className="import-result">
          <p>Imported <Link href={`/designs/${encodeURIComponent(outcome.designId)}`}>{outcome.name}</Link>: {outcome.summary}.</p>
          {outcome.warnings.length > 0 ? <ul className="muted small">{outcome.warnings.map((warning) => <li key={warning}>{warning}</li>)}</ul> : null}
        </div>
      ) : null}
      {outcome.state === 'refused' ? (
        <div role="alert" className="import-result import-result--refused">
          <p className="field__error">{outcome.message}</p>
          {outcome.problems.length > 0 ? (
            <table className="data-table import-problems" aria-label="Import problems">
              <thead><tr><th scope="col">Where</th><th scope="col">Problem</th></tr></thead>
              <tbody>
                {outcome.problems.map((problem, index) => (
                  <tr key={`${problem.path}-${index}`}>
                    <td className="mono">{problem.path}</td>
                    <td>{problem.message}<div className="muted small mono">{problem.awsCode}{problem.awsReason ? ` (${problem.awsReason})` : ''}</div></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new SyntaxError(`${fileName} is not valid JSON: ${(error as Error).message}`);
  }
}
