import { useLocale } from "~/i18n/use-t";
import { MarkerIcon } from "./icons";

export type MarkerView = { code: string; labelEn: string; labelZh: string; color: string; icon: string };

/** An identity marker in its colour with its icon; the text keeps it readable without colour. */
export function MarkerBadge({ marker }: { marker: MarkerView }) {
  const locale = useLocale();
  return (
    <span className="marker" style={{ backgroundColor: marker.color, color: readableTextOn(marker.color) }}>
      <MarkerIcon glyph={marker.icon} /> {locale === "zh-CN" ? marker.labelZh : marker.labelEn}
    </span>
  );
}

export function VipBadge({ level, label }: { level: number; label: string }) {
  if (level <= 0) return null;
  return <span className="vip">{label}</span>;
}

/** Black or white text, whichever reads better on the marker's colour (WCAG contrast). */
export function readableTextOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return "#ffffff";
  const channel = (i: number) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  const contrastWithWhite = 1.05 / (luminance + 0.05);
  const contrastWithBlack = (luminance + 0.05) / 0.05;
  return contrastWithWhite >= contrastWithBlack ? "#ffffff" : "#111111";
}
