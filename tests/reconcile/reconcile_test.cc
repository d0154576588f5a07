// Collection reconciliation (issue 10): every row of a payments file gets
// exactly one class, with what R10's allocation settles on its paid date.
// Figures worked by hand from shared/spec/rules.md with the Zhangye sample
// rules (620700: employer 700 bp, employee 200 bp, due the last day of the
// month rolled to a working day, 5 bp a day): one employee E1 on a base of
// 500 000 fen gives an employer part of 35 000 and an employee part of
// 10 000 fen a month.
#include <string>

#include "gtest/gtest.h"
#include "tests/reconcile/reconcile_fixture.h"

namespace ledger {
namespace {

using testing::ReconcileTest;
using testing::Total;
using testing::kHistory;

TEST_F(ReconcileTest, EveryRowGetsOneClassWithWhatItSettled) {
  const ReconcileReport report = Run(/*apply=*/false);
  ASSERT_EQ(report.details.size(), 12u);
  const PaymentClass expected[] = {
      PaymentClass::kMatched,          PaymentClass::kNothingOwed,
      PaymentClass::kUnknownEmployer,  PaymentClass::kDuplicateInFile,
      PaymentClass::kConflictingId,    PaymentClass::kPeriodNotAssessed,
      PaymentClass::kMalformed,        PaymentClass::kBeforeRegistration,
      PaymentClass::kPartial,          PaymentClass::kOverpaid,
      PaymentClass::kMatched,          PaymentClass::kOverpaid};
  for (size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(PaymentClassName(report.details[i].payment_class), PaymentClassName(expected[i]))
        << "line " << report.details[i].line << ": " << report.details[i].message;
    EXPECT_EQ(report.details[i].line, static_cast<int64_t>(i) + 2);
  }
  // p9: the employee part first (R10), then 10 000 of the employer part.
  EXPECT_EQ(report.details[8].settled_principal_fen, 20000);
  EXPECT_EQ(report.details[8].credit_fen, 0);
  EXPECT_NE(report.details[8].message.find("25000 fen in its scope is still outstanding"),
            std::string::npos)
      << report.details[8].message;
  // p10: the employer part's last 25 000; 5 000 is credit.
  EXPECT_EQ(report.details[9].settled_principal_fen, 25000);
  EXPECT_EQ(report.details[9].credit_fen, 5000);
  // p12: 10 days (06-01..06-10, the payment day counts) at 5 bp: employee
  // row 10 x 10 000 x 5 / 10 000 = 50 fen, employer row 175 fen.
  EXPECT_EQ(report.details[11].settled_late_fee_fen, 225);
  EXPECT_EQ(report.details[11].settled_principal_fen, 0);
  EXPECT_EQ(report.details[11].credit_fen, 75);
  EXPECT_EQ(report.details[6].message, "8: amount_fen: \"12.50\" is not a whole number of fen");
}

TEST_F(ReconcileTest, EveryFenIsAccountedForAndTiesOut) {
  const ReconcileReport report = Run(/*apply=*/false);
  EXPECT_EQ(report.rows, 12);
  // 45 000 + 1 000 + 777 + 45 000 + 46 000 + 5 000 + 0 + 100 + 20 000 +
  // 30 000 + 45 000 + 300.
  EXPECT_EQ(report.amount_fen, 238177);
  EXPECT_EQ(Total(report, PaymentClass::kMatched).rows, 2);
  EXPECT_EQ(Total(report, PaymentClass::kMatched).amount_fen, 90000);
  EXPECT_EQ(Total(report, PaymentClass::kOverpaid).amount_fen, 30300);
  EXPECT_EQ(Total(report, PaymentClass::kConflictingId).amount_fen, 46000);
  EXPECT_EQ(Total(report, PaymentClass::kMalformed).rows, 1);
  // Written: 90 000 + 1 000 + 5 000 + 20 000 + 30 300 = 146 300 =
  // principal 45 000 + 20 000 + 25 000 + 45 000, fee 225, credit
  // 1 000 + 5 000 + 5 000 + 75.
  EXPECT_EQ(report.settled_principal_fen, 135000);
  EXPECT_EQ(report.settled_late_fee_fen, 225);
  EXPECT_EQ(report.credit_fen, 11075);
  EXPECT_TRUE(report.tie_out_ok);
  EXPECT_FALSE(report.applied);
  EXPECT_EQ(store_->last_sequence(), 4u);  // a dry run writes nothing
}

TEST_F(ReconcileTest, DryRunAndApplyGiveTheSameClassesAndApplyIsOneBatch) {
  const ReconcileReport dry = Run(/*apply=*/false);
  const ReconcileReport applied = Run(/*apply=*/true);
  ASSERT_EQ(dry.details.size(), applied.details.size());
  for (size_t i = 0; i < dry.details.size(); ++i) {
    EXPECT_EQ(dry.details[i].payment_class, applied.details[i].payment_class) << i;
    EXPECT_EQ(dry.details[i].credit_fen, applied.details[i].credit_fen) << i;
  }
  EXPECT_TRUE(applied.applied);
  // The seven written rows, one batch after the four history events.
  EXPECT_EQ(applied.first_sequence, 5u);
  EXPECT_EQ(applied.last_sequence, 11u);
  // Again: every written row is now already recorded — and so is line 5,
  // p1's repeat, since the ledger is asked before the file (interchange.md's
  // order) — and nothing is written.
  const ReconcileReport again = Run(/*apply=*/true);
  EXPECT_EQ(Total(again, PaymentClass::kAlreadyRecorded).rows, 8);
  EXPECT_EQ(Total(again, PaymentClass::kAlreadyRecorded).amount_fen, 146300 + 45000);
  EXPECT_FALSE(again.applied);
  EXPECT_EQ(store_->last_sequence(), 11u);
}

TEST_F(ReconcileTest, AFileThatIsNotAPaymentsFileIsRefusedWhole) {
  absl::StatusOr<ReconcileReport> report = Reconcile(
      *store_, *rules_, "events.jsonl", std::string(kHistory), {.apply = true, .now_us = 3});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("events.jsonl:1: this looks like an event file"), std::string::npos)
      << report.status();
  EXPECT_EQ(store_->last_sequence(), 4u);
}

TEST_F(ReconcileTest, MissingColumnsAreNamed) {
  absl::StatusOr<ReconcileReport> report =
      Reconcile(*store_, *rules_, "bank.csv", "\xEF\xBB\xBFpayment_id,employer_id,amount\np,A,1\n",
                {.apply = false, .now_us = 3});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find(
                "bank.csv:1: the header lacks the columns paid_date, amount_fen"),
            std::string::npos)
      << report.status();
}

TEST_F(ReconcileTest, QuotedFieldsCrlfAndExtraColumnsAreRead) {
  // RFC 4180: a quoted id holding a comma and a doubled quote (printable,
  // so a valid event_id); CRLF line ends; a column the ledger does not know
  // is ignored; the BOM is skipped.
  const std::string file =
      "\xEF\xBB\xBF" "bank_ref,payment_id,employer_id,paid_date,amount_fen,period,component\r\n"
      "x1,\"q,\"\"1\"\"\",A,2022-03-31,45000,2022-03,\r\n";
  absl::StatusOr<ReconcileReport> report =
      Reconcile(*store_, *rules_, "bank.csv", file, {.apply = false, .now_us = 3});
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->details.size(), 1u);
  EXPECT_EQ(report->details[0].payment_id, "q,\"1\"");
  EXPECT_EQ(report->details[0].payment_class, PaymentClass::kMatched) << report->details[0].message;
}

}  // namespace
}  // namespace ledger
