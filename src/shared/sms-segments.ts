// SMS segment counting (GSM-7 vs UCS-2), shared by the server (src/domain/sms.ts refuses a reply over a
// destination's maxSegments) and the agent console (its reply box shows the count as the agent types), so both
// count the same way. Pure TypeScript without imports: src/shared may import nothing (see DESIGN.md).

/** GSM 03.38 default alphabet: one septet each. */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** The extension table: ESC + one septet, so two septets each. */
const GSM_EXTENDED = "\f^{}\\[~]|€";
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export interface Segments {
  encoding: "GSM-7" | "UCS-2";
  /** Septets (GSM-7) or UTF-16 code units (UCS-2: a character outside the BMP is a surrogate pair, 2 units). */
  units: number;
  segments: number;
}

/**
 * How many SMS segments a text takes. One segment holds 160 septets / 70 UCS-2 units; a longer text is split into
 * parts of 153 / 67 (the rest is the concatenation header). A part never ends in the middle of an escape sequence
 * or a surrogate pair (phones could not rebuild the character), so the parts are packed greedily by character.
 */
export function smsSegments(text: string): Segments {
  const gsm = [...text].every((c) => BASIC.has(c) || EXTENDED.has(c));
  const sizes = gsm ? [...text].map((c) => (EXTENDED.has(c) ? 2 : 1)) : [...text].map((c) => c.length);
  const units = sizes.reduce((a, b) => a + b, 0);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  if (units <= single) return { encoding: gsm ? "GSM-7" : "UCS-2", units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const n of sizes) {
    if (used + n > part) {
      segments++;
      used = 0;
    }
    used += n;
  }
  return { encoding: gsm ? "GSM-7" : "UCS-2", units, segments };
}

