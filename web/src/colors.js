// The server accepts a CSS colour name or hex (#RGB, #RRGGBB, #RRGGBBAA); xterm's theme parser
// wants hex, so names are resolved by the browser itself through a canvas context.

export function toHex(color) {
  if (color.startsWith('#')) return color;
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return color;
  context.fillStyle = color;
  return context.fillStyle; // "#rrggbb" for an opaque colour
}

/** Whether the colour has an alpha channel below opaque (then xterm must allow transparency). */
export function isTranslucent(hex) {
  return hex.length === 9 && hex.slice(7).toLowerCase() !== 'ff';
}
