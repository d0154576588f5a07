// The ledger every reconcile test starts from (issue 10): Zhangye's sample
// rules and employer A, one employee E1 on a base of 500 000 fen assessed for
// 2022-03..05, and a payments file with a row of every class. Figures worked
// by hand from shared/spec/rules.md (620700: employer 700 bp, employee 200
// bp, due the last day of the month rolled to a working day, 5 bp a day):
// an employer part of 35 000 and an employee part of 10 000 fen a month.
#ifndef LEDGER_TESTS_RECONCILE_RECONCILE_FIXTURE_H_
#define LEDGER_TESTS_RECONCILE_RECONCILE_FIXTURE_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "ledger/ingest/importer.h"
#include "ledger/reconcile/reconcile.h"
#include "ledger/rules.h"
#include "ledger/store/event_store.h"

namespace ledger::testing {

namespace fs = std::filesystem;

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline constexpr char kHistory[] =
    R"({"event_id":"r","type":"employer_registered","employer_id":"A","effective_date":"2022-01-01","name":"甲","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n"
    R"({"event_id":"a03","type":"contribution_assessed","employer_id":"A","effective_date":"2022-03-01","period":"2022-03","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n"
    R"({"event_id":"a04","type":"contribution_assessed","employer_id":"A","effective_date":"2022-04-01","period":"2022-04","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n"
    R"({"event_id":"a05","type":"contribution_assessed","employer_id":"A","effective_date":"2022-05-01","period":"2022-05","lines":[{"employee_id":"E1","base_fen":500000}]})"
    "\n";

// Due dates: 2022-03 -> 03-31 (a Thursday); 2022-04 -> 04-30 is a holiday,
// as are 05-01..05-04, so 05-05; 2022-05 -> 05-31 (a Tuesday).
inline constexpr char kPayments[] =
    "payment_id,employer_id,paid_date,amount_fen,period,component\n"
    "p1,A,2022-03-31,45000,2022-03,\n"     // 2: both March parts: matched
    "p2,A,2022-04-10,1000,2022-03,\n"      // 3: March already paid: nothing_owed
    "p3,X,2022-04-10,777,,\n"              // 4: unknown_employer
    "p1,A,2022-03-31,45000,2022-03,\n"     // 5: duplicate_in_file
    "p1,A,2022-03-31,46000,2022-03,\n"     // 6: conflicting_id
    "p6,A,2022-05-05,5000,2022-06,\n"      // 7: June not assessed: period_not_assessed
    "p7,A,2022-05-05,12.50,2022-04,\n"     // 8: malformed
    "p8,A,2021-12-01,100,,\n"              // 9: before_registration
    "p9,A,2022-05-05,20000,2022-04,\n"     // 10: employee 10 000 + employer 10 000: partial
    "p10,A,2022-05-05,30000,2022-04,\n"    // 11: employer 25 000, credit 5 000: overpaid
    "p11,A,2022-06-10,45000,2022-05,\n"    // 12: May's principal, 10 days late: matched
    "\"p12\",A,2022-06-10,300,2022-05,late_fee\n";  // 13: fee 225, credit 75: overpaid

class ReconcileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / absl::StrFormat("reconcile_%d_%s", ::getpid(),
                                                           ::testing::UnitTest::GetInstance()
                                                               ->current_test_info()
                                                               ->name());
    fs::remove_all(dir_);
    absl::StatusOr<Rules> rules =
        Rules::FromJson(ReadFile(fs::path(LEDGER_SOURCE_DIR) / "tools/examples/rules/zhangye.json"),
                        "zhangye.json");
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = std::make_unique<Rules>(*std::move(rules));
    absl::StatusOr<std::unique_ptr<EventStore>> store =
        EventStore::Open((dir_ / "ledger").string(), OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    ASSERT_TRUE(store_->PutRules(rules_->rule_set(), 1).ok());
    ASSERT_TRUE(ImportEvents(*store_, *rules_, "history.jsonl", kHistory, 2).ok());
  }

  ReconcileReport Run(bool apply) {
    absl::StatusOr<ReconcileReport> report =
        Reconcile(*store_, *rules_, "payments.csv", kPayments, {.apply = apply, .now_us = 3});
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *std::move(report) : ReconcileReport();
  }

  fs::path dir_;
  std::unique_ptr<Rules> rules_;
  std::unique_ptr<EventStore> store_;
};

inline const ClassTotal& Total(const ReconcileReport& report, PaymentClass payment_class) {
  return report.classes[static_cast<size_t>(payment_class)];
}

}  // namespace ledger::testing

#endif  // LEDGER_TESTS_RECONCILE_RECONCILE_FIXTURE_H_
