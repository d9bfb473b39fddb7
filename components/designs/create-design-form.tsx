'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createDesignInputSchema } from '@/server/schemas/design';
import { useTRPC } from '../trpc/client';

type FieldErrors = Partial<Record<'name' | 'description' | 'form', string>>;

/** Field errors from a zod result or from the API's `data.fieldErrors` (the same schema runs on both sides). */
function firstErrorPerField(fieldErrors: Record<string, string[] | undefined>): FieldErrors {
  const result: FieldErrors = {};
  for (const field of ['name', 'description'] as const) {
    const message = fieldErrors[field]?.[0];
    if (message) result[field] = message;
  }
  return result;
}

/** Creates a design; validates with the shared schema before sending, and shows the server's errors too. */
export function CreateDesignForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation(
    trpc.design.create.mutationOptions({
      onSuccess: async (design) => {
        await queryClient.invalidateQueries({ queryKey: trpc.design.list.queryKey() });
        router.push(`/designs/${encodeURIComponent(design.id)}`);
      },
      onError: (error) => {
        const fromServer = error.data?.fieldErrors ? firstErrorPerField(error.data.fieldErrors) : {};
        setErrors(Object.keys(fromServer).length > 0 ? fromServer : { form: error.message });
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    const parsed = createDesignInputSchema.safeParse({
      name: String(form.get('name') ?? ''),
      description: description === '' ? undefined : description,
    });
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
      setErrors(firstErrorPerField(fieldErrors));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Create a design">
      <div className="field">
        <label htmlFor="design-name">Name</label>
        <input
          id="design-name"
          name="name"
          type="text"
          autoComplete="off"
          placeholder="e.g. Acme landing zone"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'design-name-error' : undefined}
        />
        {errors.name ? (
          <p id="design-name-error" className="field__error" role="alert">
            {errors.name}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="design-description">
          Description <span className="muted">(optional)</span>
        </label>
        <textarea
          id="design-description"
          name="description"
          rows={3}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? 'design-description-error' : undefined}
        />
        {errors.description ? (
          <p id="design-description-error" className="field__error" role="alert">
            {errors.description}
          </p>
        ) : null}
      </div>
      {errors.form ? (
        <p className="field__error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create design'}
      </button>
    </form>
  );
}
