// The side panel (?panel=URL): an iframe left, right, above or below the terminal, shown and hidden
// from the toolbar, resized by dragging the handle between the two. onLayout runs after every change
// so the terminal can refit.

const MIN_PIXELS = 80;

export function setupPanel(document, panelConfig, onLayout) {
  if (!panelConfig) return null;
  const workspace = document.getElementById('workspace');
  const panel = document.getElementById('panel');
  const handle = document.getElementById('panel-handle');
  const toggle = document.getElementById('toolbar-panel');
  const frame = document.getElementById('panel-frame');
  const horizontal = panelConfig.position === 'left' || panelConfig.position === 'right';

  workspace.dataset.panelPosition = panelConfig.position;
  if (horizontal) panel.style.width = panelConfig.width;
  else panel.style.height = panelConfig.height;
  frame.src = panelConfig.url;

  const show = (visible) => {
    panel.hidden = !visible;
    handle.hidden = !visible || !panelConfig.resizable;
    toggle.setAttribute('aria-pressed', String(visible));
    onLayout();
  };
  toggle.hidden = false;
  toggle.addEventListener('click', () => show(panel.hidden));
  show(panelConfig.visible);
  if (panelConfig.resizable) dragToResize(workspace, panel, handle, panelConfig.position, onLayout);
  return { show };
}

function dragToResize(workspace, panel, handle, position, onLayout) {
  handle.addEventListener('pointerdown', (down) => {
    down.preventDefault();
    handle.setPointerCapture(down.pointerId);
    workspace.classList.add('resizing'); // the iframe must not swallow the pointer while dragging
    const move = (event) => {
      const box = workspace.getBoundingClientRect();
      const size = {
        right: box.right - event.clientX,
        left: event.clientX - box.left,
        bottom: box.bottom - event.clientY,
        top: event.clientY - box.top,
      }[position];
      const total = position === 'left' || position === 'right' ? box.width : box.height;
      const pixels = Math.round(Math.min(Math.max(size, MIN_PIXELS), total - MIN_PIXELS));
      if (position === 'left' || position === 'right') panel.style.width = `${pixels}px`;
      else panel.style.height = `${pixels}px`;
      onLayout();
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      workspace.classList.remove('resizing');
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up, { once: true });
    handle.addEventListener('pointercancel', up, { once: true });
  });
}
