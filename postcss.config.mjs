// Tailwind CSS 4 runs as a single PostCSS plugin; it scans the sources itself.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
