// Compiles the tests' precompiled header (tests/CMakeLists.txt: ledger_test_pch).
