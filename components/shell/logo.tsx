/** The TenantBridge mark: a suspension bridge between two tenants (the same drawing as public/logo.svg). */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#4f46e5" />
      <path d="M4 16.5c3 0 5.2-3 6-7.5 1.6 5.2 10.4 5.2 12 0 .8 4.5 3 7.5 6 7.5" fill="none" stroke="#c7d2fe" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10 7.5v16M22 7.5v16" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M4 20h24" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
