// The rich-text editor (TipTap over ProseMirror), in its own chunk: loaded only when a document is opened.
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorNote, InfoNote, messageOf } from '../../components/Notes';
import type { WorkRecord } from '../model';
import { useWorkspace } from '../Workspace';

export default function DocumentEditor({ doc, save }: { doc: WorkRecord; save(body: Record<string, unknown>): Promise<WorkRecord> }) {
  const editable = useWorkspace().can('documents', 'edit');
  const locked = Boolean(doc.isLocked);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const editor = useEditor({
    extensions: [StarterKit],
    content: (doc.content as object | null) ?? '',
    editable: editable && !locked,
    onUpdate: () => setDirty(true),
    editorProps: { attributes: { 'aria-label': `Text of ${String(doc.title)}`, role: 'textbox', 'aria-multiline': 'true' } },
  });
  useEffect(() => { editor?.setEditable(editable && !locked); }, [editor, editable, locked]);
  // Someone else's save arrives live: shown at once unless there are unsaved edits here (then the save says so).
  useEffect(() => {
    if (editor && !dirty) editor.commands.setContent((doc.content as object | null) ?? '', false);
  }, [doc.revision]); // eslint-disable-line react-hooks/exhaustive-deps

  async function run(body: Record<string, unknown>, done: string) {
    try {
      await save(body);
      setError(null);
      setNote(done);
      setTimeout(() => setNote(null), 3000);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 && !e.message.includes('locked')
        ? 'Someone else saved this document since you opened it. Copy your text, reload, and make your change again.'
        : messageOf(e));
      throw e;
    }
  }
  if (!editor) return null;
  const mark = (label: string, active: boolean, command: () => void) => (
    <button type="button" aria-pressed={active} disabled={!editable || locked} onClick={command}>{label}</button>
  );
  return (
    <section className="card" aria-label={`Document ${String(doc.title)}`}>
      <div className="page-head">
        <h2>{String(doc.title)}</h2>
        {editable && <button type="button" onClick={() => run({ isLocked: !locked }, locked ? 'Unlocked.' : 'Locked.').catch(() => undefined)}>
          {locked ? 'Unlock' : 'Lock'}</button>}
      </div>
      {locked && <p className="note readonly">Locked: nobody can change it until it is unlocked.</p>}
      <div className="row wrap toolbar" role="toolbar" aria-label="Formatting">
        {mark('Bold', editor.isActive('bold'), () => editor.chain().focus().toggleBold().run())}
        {mark('Italic', editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run())}
        {mark('Heading', editor.isActive('heading', { level: 2 }), () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
        {mark('Bullet list', editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run())}
        {mark('Numbered list', editor.isActive('orderedList'), () => editor.chain().focus().toggleOrderedList().run())}
      </div>
      <EditorContent editor={editor} className="editor" />
      <ErrorNote error={error} />
      {note && <InfoNote>{note}</InfoNote>}
      {editable && !locked && (
        <div className="row">
          <button type="button" className="primary" disabled={!dirty}
                  onClick={() => run({ content: editor.getJSON() }, 'Saved.').then(() => setDirty(false), () => undefined)}>Save document</button>
          {dirty && <span className="muted">Unsaved changes</span>}
        </div>
      )}
    </section>
  );
}
