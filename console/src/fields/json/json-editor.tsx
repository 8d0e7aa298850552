import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { useTheme } from '../../app/theme.js';

const extensions = [json()];

export default function JsonEditor({ id, value, onChange }: { id: string; value: string; onChange(v: string): void }) {
  const { theme } = useTheme();
  return (
    <div className="json-editor" id={id}>
      <CodeMirror value={value} height="160px" theme={theme} extensions={extensions} onChange={onChange} basicSetup={{ lineNumbers: true, foldGutter: false }} />
    </div>
  );
}
