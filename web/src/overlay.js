// The small status surfaces: the toolbar's session label and status dot, the overlay shown while
// the socket is down, and the welcome note.

export class StatusView {
  constructor(document) {
    this.document = document;
    this.overlay = document.getElementById('overlay');
    this.overlayText = document.getElementById('overlay-text');
    this.status = document.getElementById('toolbar-status');
    this.session = document.getElementById('toolbar-session');
  }

  state(name, label) {
    this.status.dataset.state = name;
    this.status.textContent = label;
    this.document.body.dataset.connection = name;
  }

  connected() {
    this.state('connected', 'connected');
    this.overlay.hidden = true;
  }

  reconnecting(delayMs, attempt) {
    this.state('connecting', 'reconnecting');
    this.show(`Connection lost. Reconnecting in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt})…`);
  }

  ended() {
    this.state('closed', 'ended');
    this.show('The session ended. Press Enter to start it again.');
  }

  refused() {
    this.state('closed', 'unauthorized');
    this.show('The token was refused. Open the page with a valid ?token=.');
  }

  terminalId(id) {
    this.session.textContent = `terminal ${id}`;
  }

  show(text) {
    this.overlayText.textContent = text;
    this.overlay.hidden = false;
  }

  welcome(terminalId) {
    const note = this.document.getElementById('welcome');
    note.textContent = `Welcome to Hoody Terminal. This is terminal ${terminalId}: anyone who opens this URL shares it, `
      + 'and it keeps running when the page is closed.';
    note.hidden = false;
    return () => { note.hidden = true; };
  }
}
