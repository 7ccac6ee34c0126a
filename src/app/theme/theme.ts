import { create } from 'zustand';

export type Theme = 'light' | 'dark' | 'high-contrast';
export const themes: Array<{ id: Theme; label: string }> = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
  { id: 'high-contrast', label: 'High contrast' },
];

const STORAGE_KEY = 'twinscape.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark' || saved === 'high-contrast') return saved;
  if (window.matchMedia?.('(prefers-contrast: more)').matches) return 'high-contrast';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

interface ThemeState {
  theme: Theme;
  setTheme(theme: Theme): void;
}

/** The UI theme: a preference of this browser, not workspace data, so it lives in localStorage. */
export const useTheme = create<ThemeState>((set) => ({
  theme: initialTheme(),
  setTheme(theme) {
    localStorage.setItem(STORAGE_KEY, theme);
    set({ theme });
  },
}));

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
}
