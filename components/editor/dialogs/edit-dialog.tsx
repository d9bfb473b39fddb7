'use client';
import { useOrgTree } from '../../editor-base/use-org-tree';
import { useTRPCClient } from '../../trpc/client';
import { findOrgNode } from '../../editor-base/org-tree-queries';
import type { EditorDialog } from '../../editor-base/editor-store';
import { useEditorStore } from '../../editor-base/editor-store-provider';
import { useDesignEdit } from '../../editor-base/use-design-edit';
import { FormDialog } from '../../editor-base/form-dialog';

/** One create / rename / delete / invite dialog, with its form and the edit it submits. */
export function EditDialog({ dialog, onClose }: { dialog: EditorDialog; onClose: () => void }) {
  const client = useTRPCClient();
  const edit = useDesignEdit();
  const tree = useOrgTree()?.tree ?? null;
  const select = useEditorStore((state) => state.select);
  const requestFocus = useEditorStore((state) => state.requestFocus);
  const nameOf = (id: string) => (tree ? findOrgNode(tree, id)?.name : undefined) ?? id;
  const quiet = { toastOnError: false } as const;
  /** After a create, select the new card and bring it into view. */
  const focusCreated = (id: string) => {
    select(id);
    requestFocus(id);
  };

  switch (dialog.kind) {
    case 'createOu':
      return (
        <FormDialog
          title="New organizational unit"
          description={`Under ${nameOf(dialog.parentId)}. AWS allows five levels of OUs below the root.`}
          fields={[{ name: 'name', label: 'Name', required: true, placeholder: 'e.g. Workloads' }]}
          submitLabel="Create OU"
          onClose={onClose}
          onSubmit={async (values) => {
            const outcome = await edit((base) => client.ou.create.mutate({ ...base, parentId: dialog.parentId, name: values.name }), { failureTitle: 'OU not created', ...quiet });
            if (outcome.ok) focusCreated(outcome.result.ou.id);
            return outcome;
          }}
        />
      );
    case 'createAccount':
      return (
        <FormDialog
          title="New account"
          description={`Created in the organization and placed under ${nameOf(dialog.parentId)}.`}
          fields={[
            { name: 'accountName', label: 'Account name', required: true, placeholder: 'e.g. Payments Prod' },
            { name: 'email', label: 'Root user email', type: 'email', required: true, placeholder: 'aws+payments-prod@example.com', hint: 'Each AWS account needs its own email address.' },
          ]}
          submitLabel="Create account"
          onClose={onClose}
          onSubmit={async (values) => {
            const outcome = await edit(
              (base) => client.account.create.mutate({ ...base, parentId: dialog.parentId, accountName: values.accountName, email: values.email }),
              { failureTitle: 'Account not created', ...quiet },
            );
            if (outcome.ok) focusCreated(outcome.result.account.id);
            return outcome;
          }}
        />
      );
    case 'inviteAccount':
      return (
        <FormDialog
          title="Invite an existing account"
          description="The account joins under the root once it accepts the invitation (a handshake in AWS)."
          fields={[
            { name: 'accountId', label: 'Account id', required: true, placeholder: '12 digits' },
            { name: 'accountName', label: 'Account name (optional)' },
            { name: 'email', label: 'Email (optional)', type: 'email' },
          ]}
          submitLabel="Send invitation"
          onClose={onClose}
          onSubmit={async (values) => {
            const outcome = await edit(
              (base) =>
                client.account.invite.mutate({
                  ...base,
                  accountId: values.accountId.trim(),
                  ...(values.accountName.trim() ? { accountName: values.accountName } : {}),
                  ...(values.email.trim() ? { email: values.email } : {}),
                }),
              { failureTitle: 'Invitation not sent', ...quiet },
            );
            if (outcome.ok) focusCreated(outcome.result.account.id);
            return outcome;
          }}
        />
      );
    case 'renameOu':
      return (
        <FormDialog
          title="Rename organizational unit"
          fields={[{ name: 'name', label: 'Name', required: true, initial: nameOf(dialog.ouId) }]}
          submitLabel="Rename"
          onClose={onClose}
          onSubmit={(values) => edit((base) => client.ou.rename.mutate({ ...base, ouId: dialog.ouId, name: values.name }), { failureTitle: 'OU not renamed', effect: 'renamed', ...quiet })}
        />
      );
    case 'renameAccount':
      return (
        <FormDialog
          title="Rename account"
          description="PutAccountName: the display name only; the account id and email stay."
          fields={[{ name: 'accountName', label: 'Account name', required: true, initial: nameOf(dialog.accountId) }]}
          submitLabel="Rename"
          onClose={onClose}
          onSubmit={(values) =>
            edit((base) => client.account.rename.mutate({ ...base, accountId: dialog.accountId, accountName: values.accountName }), { failureTitle: 'Account not renamed', effect: 'renamed', ...quiet })
          }
        />
      );
    case 'deleteOu':
      return (
        <FormDialog
          title={`Delete ${nameOf(dialog.ouId)}?`}
          description="AWS deletes only an empty OU: move or remove its accounts and child OUs first. Undo brings it back."
          fields={[]}
          submitLabel="Delete OU"
          danger
          onClose={onClose}
          onSubmit={async () => {
            const outcome = await edit((base) => client.ou.delete.mutate({ ...base, ouId: dialog.ouId }), { failureTitle: 'OU not deleted', ...quiet });
            if (outcome.ok) select(null);
            return outcome;
          }}
        />
      );
    case 'removeAccount':
      return (
        <FormDialog
          title={`Remove ${nameOf(dialog.accountId)} from the organization?`}
          description="The account leaves the organization (RemoveAccountFromOrganization) and the tree; the design keeps its IAM data. Undo brings it back."
          fields={[]}
          submitLabel="Remove account"
          danger
          onClose={onClose}
          onSubmit={async () => {
            const outcome = await edit((base) => client.account.remove.mutate({ ...base, accountId: dialog.accountId }), { failureTitle: 'Account not removed', ...quiet });
            if (outcome.ok) select(null);
            return outcome;
          }}
        />
      );
  }
}
