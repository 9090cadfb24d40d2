// One lint for the whole tree: TypeScript (type-aware rules off to keep it fast) and Vue SFCs; prettier formats.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier/flat'

/** Source files that were over 300 lines when the limit came in; none may be added. */
const filesOverLineLimit = [
  'api/domain/src/route-order.ts',
  'api/src/app.ts',
  'api/src/auth/auth.endpoints.ts',
  'api/src/auth/can.ts',
  'api/src/boundaries/drafts.endpoints.ts',
  'api/src/boundaries/drafts.ts',
  'api/src/boundaries/validate-grids.ts',
  'api/src/clues/clue-queries.ts',
  'api/src/credit/credit-queries.ts',
  'api/src/credit/credit.endpoints.ts',
  'api/src/demo/seed-history.ts',
  'api/src/draws/draws.endpoints.ts',
  'api/src/inspections/inspection-record.ts',
  'api/src/ledger-items/ledger-item-queries.ts',
  'api/src/ogc/ogc.endpoints.ts',
  'api/src/reports/monthly-report-queries.ts',
  'api/src/risk-reports/risk-report-queries.ts',
  'api/src/rotations/rotations.endpoints.ts',
  'api/src/staff/staff-queries.ts',
  'api/src/transfers/institution-import.ts',
  'api/src/users/user-queries.ts',
  'api/src/wall/wall-summary.ts',
  'web/src/App.vue',
  'web/src/map/map-controller.ts',
  'web/src/map/planner-map-controller.ts',
  'web/src/pages/audit/AuditPage.vue',
  'web/src/pages/circulars/CircularsPage.vue',
  'web/src/pages/clues/CluePanel.vue',
  'web/src/pages/clues/CluesPage.vue',
  'web/src/pages/dispatch/DispatchPage.vue',
  'web/src/pages/draws/PublicDrawsPage.vue',
  'web/src/pages/field/InspectionForm.vue',
  'web/src/pages/ledger/LedgerItemPanel.vue',
  'web/src/pages/ledger/LedgerPage.vue',
  'web/src/pages/overview/OverviewPage.vue',
  'web/src/pages/planner/PlannerPage.vue',
  'web/src/pages/reports/ReportsPage.vue',
  'web/src/pages/risks/RiskReportPanel.vue',
  'web/src/pages/risks/RisksPage.vue',
  'web/src/pages/teams/RouteSheetPage.vue',
  'web/src/pages/teams/TeamsPage.vue',
  'web/src/pages/users/UsersPage.vue',
  'web/src/stores/boundary-drafts.ts',
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
    // never fetches itself.
    files: ['web/src/**/*.vue'],
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
  {
    // A source file says one thing: at most 300 formatted lines (STYLE.md). The files listed in
    // filesOverLineLimit were longer when the limit came (issue 33) and are split as they are
    // touched; the list only shrinks.
    files: ['api/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.vue', 'geodata/**/*.ts'],
    ignores: ['**/*.test.ts', '**/i18n/**', 'web/src/api/schema.ts', ...filesOverLineLimit],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  // Last: formatting is prettier's (pnpm lint runs prettier --check), so eslint's stylistic rules are off.
  prettier,
)
