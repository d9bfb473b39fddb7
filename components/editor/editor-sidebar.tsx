'use client';
import type { ReactNode } from 'react';
import type { SidebarTab } from '../editor-base/editor-store';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useOutsideAccounts } from '../editor-base/use-outside-accounts';

/**
 * The left sidebar: tabs for the policy library and the revision history, and, when the design holds accounts
 * outside its organization (a partner's imported IAM), a tab listing them: the canvas draws the organization only.
 */
export function EditorSidebar({ policies, history, outside }: { policies: ReactNode; history: ReactNode; outside: ReactNode }) {
  const chosen = useEditorStore((state) => state.sidebarTab);
  const setTab = useEditorStore((state) => state.setSidebarTab);
  const outsideCount = useOutsideAccounts().accounts.length;
  const TABS: { tab: SidebarTab; label: string }[] = [
    { tab: 'policies', label: 'Policies' },
    { tab: 'history', label: 'History' },
    ...(outsideCount > 0 ? [{ tab: 'outside' as const, label: `Outside (${outsideCount})` }] : []),
  ];
  const current = TABS.some((entry) => entry.tab === chosen) ? chosen : 'policies';
  const panels: Record<SidebarTab, ReactNode> = { policies, history, outside };
  return (
    <aside className="editor-sidebar" aria-label="Policies and history">
      <div role="tablist" aria-label="Sidebar" className="tabs">
        {TABS.map(({ tab, label }) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`sidebar-tab-${tab}`}
            aria-selected={current === tab}
            aria-controls={`sidebar-panel-${tab}`}
            tabIndex={current === tab ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(tab)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              const index = TABS.findIndex((entry) => entry.tab === tab);
              const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              setTab(next.tab);
              document.getElementById(`sidebar-tab-${next.tab}`)?.focus();
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {TABS.map(({ tab }) => (
        <div
          key={tab}
          role="tabpanel"
          id={`sidebar-panel-${tab}`}
          aria-labelledby={`sidebar-tab-${tab}`}
          hidden={current !== tab}
          className="editor-sidebar__panel"
        >
          {current === tab ? panels[tab] : null}
        </div>
      ))}
    </aside>
  );
}
