'use client';
import type { ReactNode } from 'react';
import type { SidebarTab } from '../editor-base/editor-store';
import { useEditorStore } from '../editor-base/editor-store-provider';

const TABS: { tab: SidebarTab; label: string }[] = [
  { tab: 'policies', label: 'Policies' },
  { tab: 'history', label: 'History' },
];

/** The left sidebar: tabs for the policy library and the revision history. */
export function EditorSidebar({ policies, history }: { policies: ReactNode; history: ReactNode }) {
  const current = useEditorStore((state) => state.sidebarTab);
  const setTab = useEditorStore((state) => state.setSidebarTab);
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
          {current === tab ? (tab === 'policies' ? policies : history) : null}
        </div>
      ))}
    </aside>
  );
}
