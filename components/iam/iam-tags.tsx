'use client';
import { useId, useState } from 'react';
import { useBusy, useIamEdit } from './use-iam-edit';

/**
 * The tags of a role, user or customer-managed policy: each with a Remove button (UntagRole / UntagUser /
 * UntagPolicy) and a key/value form that adds a tag or replaces a key's value (TagRole / TagUser / TagPolicy).
 * IAM's refusals (aws: keys, more than 50 tags) come back as toasts.
 */
export function IamTags(props: { accountId: string; resourceType: 'role' | 'user' | 'policy'; resourceName: string; label: string; tags: { key: string; value: string }[] }) {
  const { accountId, resourceType, resourceName, label, tags } = props;
  const ids = useId();
  const { client, run, lock } = useIamEdit(accountId);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const { busy, act } = useBusy();
  const target = { resourceType, resourceName };

  return (
    <div className="iam-tags">
      <h4 className="iam-policies__title">Tags <span className="muted">{tags.length}</span></h4>
      {tags.length > 0 ? (
        <ul className="iam-tags__list">
          {tags.map((tag) => (
            <li key={tag.key} className="chip chip--tag">
              <span className="mono">{tag.key}{tag.value ? `=${tag.value}` : ''}</span>
              <button
                type="button"
                className="iam-tags__remove"
                {...lock.control({ busy })}
                aria-label={`Remove tag ${tag.key} from ${label}`}
                onClick={() => void act(() => run((base) => client.iam.untagResource.mutate({ ...base, ...target, tagKeys: [tag.key] }), { failure: 'Tag not removed' }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="attach-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!key) return;
          void act(async () => {
            const outcome = await run((base) => client.iam.tagResource.mutate({ ...base, ...target, tags: [{ key, value }] }), { failure: 'Tag not saved' });
            if (outcome.ok) {
              setKey('');
              setValue('');
            }
          });
        }}
      >
        <label className="visually-hidden" htmlFor={`${ids}-key`}>Tag key for {label}</label>
        <input {...lock.field('text')} id={`${ids}-key`} className="iam-tags__input" placeholder="key" value={key} onChange={(event) => setKey(event.target.value)} />
        <label className="visually-hidden" htmlFor={`${ids}-value`}>Tag value for {label}</label>
        <input {...lock.field('text')} id={`${ids}-value`} className="iam-tags__input" placeholder="value" value={value} onChange={(event) => setValue(event.target.value)} />
        <button type="submit" className="toolbar-button" {...lock.control({ busy: busy || !key })} aria-label={`Add the tag to ${label}`}>Tag</button>
      </form>
    </div>
  );
}
