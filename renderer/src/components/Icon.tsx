// Icons drawn as inline SVG (no emoji: a system without an emoji font shows an empty box), sized to the text and in
// its colour, hidden from screen readers (the text beside them says it).
const PATHS = {
  lock: 'M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z',
  up: 'M8 4 13 10H3Z',
  down: 'M8 12 3 6h10Z',
  sort: 'M8 2 12 6.5H4ZM8 14 4 9.5h8Z',
} as const;

export function Icon({ name }: { readonly name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
