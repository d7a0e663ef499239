npx callrec --help
npx callrec run --api horn --report-dir reports
