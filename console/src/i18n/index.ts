import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Every catalogue: one JSON file per page (namespace) and language, i18n/<lang>/<namespace>.json. */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const [, language, namespace] = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? [];
  if (!language || !namespace) continue;
  (resources[language] ??= {})[namespace] = module.default;
}

const LANGUAGE_KEY = 'console.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return stored === 'en' ? 'en' : 'fr';
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'fr',
  defaultNS: 'common',
  ns: Object.keys(resources.fr ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the language (kept in this browser) and the page's lang attribute. */
export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

document.documentElement.lang = i18next.language;

export { i18next };
