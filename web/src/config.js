// What the page was asked for: display options the server validated (data-* attributes on <body>),
// and the session parameters passed on to the WebSocket as they came in the page's query.

/** Query parameters the server's session creation reads from the WebSocket URL. */
const SESSION_PARAMS = [
  'terminal_id', 'readonly', 'cwd', 'cwd_auto_create', 'shell', 'user', 'cmd', 'env', 'display', 'pid',
  'ssh_host', 'ssh_user', 'ssh_port', 'ssh_password', 'ssh_key', 'socks5_host', 'socks5_port', 'socks5_user',
  'socks5_pass', 'startup_script', 'debug', 'env_inject', 'desktop', 'desktop_env', 'arg',
];

export const DEFAULT_FONT_SIZE = 13;
export const DEFAULT_BACKGROUND = '#2b2b2b';
export const DEFAULT_TITLE = 'Hoody Terminal';

export function readConfig(location, body) {
  const query = new URLSearchParams(location.search);
  const data = body.dataset;
  return {
    fontSize: data.fontSize ? Number(data.fontSize) : null,
    background: data.background ?? null,
    title: data.title ?? null,
    readonly: 'readonly' in data,
    welcome: 'welcome' in data,
    panel: data.panel ? {
      url: data.panel,
      position: data.panelPosition ?? 'right',
      width: data.panelWidth ?? '400px',
      height: data.panelHeight ?? '300px',
      visible: !('panelHidden' in data),
      resizable: !('panelFixed' in data),
    } : null,
    terminalId: query.get('terminal_id'),
    token: query.get('token'),
    reset: query.has('reset') && ['', 'true', '1'].includes(query.get('reset')),
    socketUrl: (withReset) => socketUrl(location, query, withReset),
  };
}

/** ws(s)://<host><the page's own path prefix>ws?<session parameters>; `reset` only when asked. */
function socketUrl(location, query, withReset) {
  const forwarded = new URLSearchParams();
  for (const [name, value] of query) {
    if (SESSION_PARAMS.includes(name) || (withReset && name === 'reset')) forwarded.append(name, value);
  }
  const path = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const search = forwarded.toString();
  return `${scheme}//${location.host}${path}ws${search ? '?' + search : ''}`;
}
