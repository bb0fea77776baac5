// Webview side of the memory diagram: shows the SVG the extension rendered
// and reports clicks on objects so the editor can jump to their allocation.
(function () {
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById('graph');
  const note = document.getElementById('note');
  const caption = document.getElementById('caption');

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'graph') {
      return;
    }
    caption.textContent = m.caption || '';
    note.textContent = m.note || '';
    note.hidden = !m.note;
    // The SVG is built by the extension from escaped text (svgLayout.ts).
    graph.innerHTML = m.svg || '';
    document.body.dataset.state = m.svg ? 'graph' : 'empty';
  });

  graph.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-line]') : null;
    if (target) {
      vscode.postMessage({ type: 'reveal', line: Number(target.getAttribute('data-line')) });
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
