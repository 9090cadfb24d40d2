// One lint for the whole tree: TypeScript (type-aware rules off to keep it fast) and Vue SFCs; prettier formats.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier/flat'

/** Components that still call the API themselves (see the rule below); none may be added. */
const componentsStillFetching = [
  'pages/campaigns/CampaignsPage.vue',
  'pages/credit/CreditPage.vue',
  'pages/planner/PlannerPage.vue',
  'pages/planner/TransferPanel.vue',
]

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'geodata/out/**',
      'db/migrations/**',
      '**/.scratch/**',
      'test/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/component-api-style': ['error', ['script-setup']],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-warning-comments': ['error', { terms: ['todo', 'fixme'], location: 'start' }],
    },
  },
  {
    // Server state lives in setup stores (web/src/stores/, STYLE.md): a component reads a store and
    // never fetches itself. The components below still do and move to stores one resource at a
    // time (issue 33); the list only shrinks.
    files: ['web/src/**/*.vue'],
    ignores: componentsStillFetching.map((file) => `web/src/${file}`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/client.ts', '**/offline/outbox.ts'],
              message: 'Server state lives in a setup store (web/src/stores/); read it from the store.',
            },
          ],
        },
      ],
    },
  },
  // Last: formatting is prettier's (pnpm lint runs prettier --check), so eslint's stylistic rules are off.
  prettier,
)
