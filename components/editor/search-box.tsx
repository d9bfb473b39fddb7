'use client';
import { useOrgTree } from '../editor-base/use-org-tree';
import { forwardRef, useId, useMemo, useState } from 'react';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';
import { ancestorsOf, searchOrgTree, type OrgNodeSummary } from '../editor-base/org-tree-queries';

const KIND_LABEL: Record<OrgNodeSummary['kind'], string> = { root: 'Root', ou: 'OU', account: 'Account' };

/** Finds an OU or account by name or id; choosing one expands its ancestors, selects it and centres it. */
export const SearchBox = forwardRef<HTMLInputElement>(function SearchBox(_props, ref) {
  const store = useEditorStoreApi();
  const tree = useOrgTree()?.tree ?? null;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const showList = open && query.trim().length > 0;
  // Only while the list is open: a query left in the box otherwise ranked all 6,001 cards of a big design again on
  // every move (each move is a new tree), about 23 ms of the move's main-thread time in bench:ui's profile.
  const results = useMemo(() => (tree && showList ? searchOrgTree(tree, query) : []), [tree, query, showList]);

  const choose = (node: OrgNodeSummary) => {
    const state = store.getState();
    if (tree) state.expandPathTo(ancestorsOf(tree, node.id));
    state.select(node.id);
    state.requestFocus(node.id);
    setOpen(false);
    setQuery(node.name);
  };

  return (
    <div className="search-box">
      <input
        ref={ref}
        type="search"
        className="search-box__input"
        placeholder="Find an OU or account  (/)"
        aria-label="Find an OU or account by name or id"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((index) => Math.min(index + 1, results.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter' && results[active]) {
            event.preventDefault();
            choose(results[active]);
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {showList ? (
        <ul id={listId} role="listbox" className="search-box__results" aria-label="Matching OUs and accounts">
          {results.length === 0 ? (
            <li className="search-box__empty" role="option" aria-selected={false} aria-disabled>
              No OU or account matches “{query.trim()}”.
            </li>
          ) : (
            results.map((node, index) => (
              <li
                key={node.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className="search-box__result"
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(node);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span className="search-box__kind">{KIND_LABEL[node.kind]}</span>
                <span className="search-box__name">{node.name}</span>
                <span className="search-box__id">{node.awsId}</span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
});
