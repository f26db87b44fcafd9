// The server suite's second run: every test server gets its own PostgreSQL database.
process.env.TEST_DIALECT = 'postgresql';
