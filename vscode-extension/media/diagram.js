// Webview side of the memory diagram: shows the SVG the extension rendered,
// reports clicks on objects so the editor can jump to their allocation, and
// asks for the group of objects from outside to be opened or closed.
(function () {
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById('graph');
  const note = document.getElementById('note');
  const caption = document.getElementById('caption');
  const toggle = document.getElementById('outside-toggle');
  const exportButton = document.getElementById('export-svg');

  // Fit the panel's width, but never below MIN_SCALE: at 50 objects a smaller picture is unreadable, a scrolled one
  // is not. Width and height are attributes (the viewBox scales the drawing); the CSP allows no inline style.
  const MIN_SCALE = 0.8;
  function fit() {
    const svg = graph.querySelector('svg');
    if (!svg) {
      return;
    }
    const box = svg.viewBox.baseVal;
    const scale = Math.min(1, Math.max(MIN_SCALE, (graph.clientWidth - 4) / box.width));
    svg.setAttribute('width', String(Math.round(box.width * scale)));
    svg.setAttribute('height', String(Math.round(box.height * scale)));
    document.body.dataset.scale = scale.toFixed(2);
  }
  window.addEventListener('resize', fit);

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
    fit();
    document.body.dataset.state = m.svg ? 'graph' : 'empty';
    const outside = Number(m.outside || 0);
    toggle.hidden = outside === 0;
    toggle.textContent = m.expanded ? `Group objects from outside (${outside})` : `Show objects from outside (${outside})`;
    exportButton.hidden = !m.svg;
  });

  graph.addEventListener('click', (event) => {
    const el = event.target instanceof Element ? event.target : null;
    if (el && el.closest('[data-action="toggle-outside"]')) {
      vscode.postMessage({ type: 'toggleOutside' });
      return;
    }
    const target = el ? el.closest('[data-line]') : null;
    if (target) {
      vscode.postMessage({ type: 'reveal', line: Number(target.getAttribute('data-line')) });
    }
  });
  toggle.addEventListener('click', () => vscode.postMessage({ type: 'toggleOutside' }));
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

  vscode.postMessage({ type: 'ready' });
})();
