// History of a design: undo/redo, revisions, diff between revisions, branch copy.
export { branchDesign } from './branch';
export { compareRows, diffRevisions, diffStatements, rowsAtRevisions, type DesignDiff } from './diff';
export { listRevisions, redo, undo, undoRedoStacks } from './undo-redo';
