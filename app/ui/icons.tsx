// Icons as inline SVG: emoji and rare symbols show as empty boxes on machines
// without an emoji font (many hotel PCs). Decorative: the text beside each
// icon says what it means, so they are hidden from screen readers.

const PATHS = {
  alert: "M12 3 2 21h20L12 3zm0 6v6m0 3v.01",
  noEntry: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM7 12h10",
  mail: "M3 6h18v12H3zM3 6l9 7 9-7",
  cake: "M4 21h16v-8H4zM4 16c2 1.5 4 1.5 6 0s4-1.5 6 0 3 1 4 0M12 13V9m0-3v.01M12 6c-1 0-1.5-1-1-2l1-1 1 1c.5 1 0 2-1 2z",
  phone: "M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z",
  archive: "M3 4h18v4H3zM5 8v12h14V8M10 12h4",
  star: "M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9L12 3z",
  building: "M4 21V4h10v17M14 9h6v12M2 21h20M7 8h2m-2 4h2m-2 4h2",
  home: "M3 11l9-8 9 8M5 10v11h14V10M10 21v-6h4v6",
  heart: "M12 20s-7-4.4-9-9a4.8 4.8 0 0 1 9-3 4.8 4.8 0 0 1 9 3c-2 4.6-9 9-9 9z",
  flag: "M5 21V4M5 4h12l-2 4 2 4H5",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : "icon"}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

/** Identity markers keep a one-character icon in the database; these are drawn instead. */
const MARKER_GLYPHS: Record<string, IconName> = { "★": "star", "▣": "building", "⌂": "home", "♥": "heart", "⚑": "flag", "⚠": "alert" };

export function MarkerIcon({ glyph }: { glyph: string }) {
  const name = MARKER_GLYPHS[glyph.trim()];
  return name ? <Icon name={name} /> : <span aria-hidden="true">{glyph}</span>;
}
