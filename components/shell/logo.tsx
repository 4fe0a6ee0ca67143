/** The TenantBridge mark: a bridge between two tenants (the same drawing as public/logo.svg). */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#4f46e5" />
      <path d="M5.5 22.5c3.2-8 17.8-8 21 0" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M4.5 22.5h23" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M11 17.6v4.9M16 16.2v6.3M21 17.6v4.9" stroke="#c7d2fe" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="7" cy="10" r="2.6" fill="#fff" />
      <circle cx="25" cy="10" r="2.6" fill="#a5b4fc" />
    </svg>
  );
}
