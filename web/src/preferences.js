// SET_PREFERENCES from the server: {"font_size":13,"theme":{…},"font_family":"…"}. What the page's
// URL asked for wins over the server's defaults.

/** Applies the preferences; true when the cell size may have changed (the terminal should be refitted). */
export function applyPreferences(terminal, json, config) {
  let preferences;
  try {
    preferences = JSON.parse(json);
  } catch {
    return false; // not JSON: nothing to apply
  }
  if (preferences === null || typeof preferences !== 'object') return false;
  let refit = false;
  const size = preferences.font_size;
  if (config.fontSize === null && Number.isInteger(size) && size >= 8 && size <= 72) {
    terminal.options.fontSize = size;
    refit = true;
  }
  if (typeof preferences.font_family === 'string' && preferences.font_family.length > 0) {
    terminal.options.fontFamily = preferences.font_family;
    refit = true;
  }
  if (preferences.theme !== null && typeof preferences.theme === 'object') {
    const background = terminal.options.theme?.background;
    terminal.options.theme = config.background === null
      ? { background, ...preferences.theme }
      : { ...preferences.theme, background };
  }
  return refit;
}
