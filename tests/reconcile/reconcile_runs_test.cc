// Issue 10, items 3-5 and the tie-out: an applied run is recorded with its
// counts, a re-run says so and appends nothing; duplicate tax receipts
// against the ledger and the file; a GB18030 file; the employers that owe
// the expected period and have no row; the per-employer tie-out. Figures by
// hand from shared/spec/rules.md (reconcile_fixture.h has the setting).
#include <iconv.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/store/hashing.h"
#include "tests/reconcile/reconcile_fixture.h"

namespace ledger {
namespace {

using ::testing::HasSubstr;
using testing::ReconcileTest;
using testing::Total;

// A file with the optional tax_receipt_no column.
constexpr char kHeader[] =
    "payment_id,employer_id,paid_date,amount_fen,period,component,tax_receipt_no\n";

TEST_F(ReconcileTest, AnAppliedRunIsRecordedAndARerunSaysWhenWithItsCounts) {
  const ReconcileReport applied = Run(/*apply=*/true);
  ASSERT_TRUE(applied.applied);
  EXPECT_EQ(applied.run, 1u);
  EXPECT_TRUE(applied.earlier_runs.empty());
  const ReconcileReport again = Run(/*apply=*/true);
  EXPECT_FALSE(again.applied);
  EXPECT_EQ(store_->last_sequence(), 11u);  // ids are event ids: nothing appended
  ASSERT_EQ(again.earlier_runs.size(), 1u);
  const v1::ReconcileRun& run = again.earlier_runs[0];
  EXPECT_EQ(run.run(), 1u);
  EXPECT_EQ(run.file(), "payments.csv");
  EXPECT_EQ(store::HexEncode(run.sha256()), applied.sha256_hex);
  // The seven written rows, sequences 5..11, stamped with the run's clock.
  EXPECT_EQ(run.first_sequence(), 5u);
  EXPECT_EQ(run.last_sequence(), 11u);
  EXPECT_EQ(run.appended(), 7);
  EXPECT_EQ(run.applied_at_us(), 3);
  EXPECT_EQ(run.rows(), 12);
  EXPECT_EQ(run.amount_fen(), 238177);
  ASSERT_EQ(run.classes_size(), 12);
  EXPECT_EQ(run.classes(11).payment_class(), "matched");
  EXPECT_EQ(run.classes(11).rows(), 2);
  EXPECT_EQ(run.classes(11).amount_fen(), 90000);
  EXPECT_EQ(run.settled_principal_fen(), 135000);
  // A third run finds the same single record: a run that writes nothing new
  // is not recorded again.
  EXPECT_EQ(Run(/*apply=*/true).earlier_runs.size(), 1u);
}

TEST_F(ReconcileTest, ATaxReceiptAlreadyRecordedOrEarlierInTheFileIsADuplicate) {
  const std::string first = std::string(kHeader) + "t1,A,2022-03-31,45000,2022-03,,R-0001\n";
  ASSERT_TRUE(Reconcile(*store_, *rules_, "day1.csv", first, {.apply = true, .now_us = 3})
                  .value()
                  .applied);
  const std::string second = std::string(kHeader) +
                             "t2,A,2022-05-05,45000,2022-04,,R-0001\n"   // 2: in the ledger
                             "t3,A,2022-05-05,20000,2022-04,,R-0002\n"   // 3: partial
                             "t4,A,2022-05-05,25000,2022-04,,R-0002\n";  // 4: line 3's
  const ReconcileReport report =
      Reconcile(*store_, *rules_, "day2.csv", second, {.apply = true, .now_us = 4}).value();
  ASSERT_EQ(report.details.size(), 3u);
  EXPECT_EQ(report.details[0].payment_class, PaymentClass::kDuplicateReceipt);
  EXPECT_THAT(report.details[0].message,
              HasSubstr("tax receipt R-0001 is already recorded as event t1 (sequence 5"));
  EXPECT_EQ(report.details[1].payment_class, PaymentClass::kPartial);
  EXPECT_EQ(report.details[2].payment_class, PaymentClass::kDuplicateReceipt);
  EXPECT_THAT(report.details[2].message, HasSubstr("is on line 3 under payment_id t3"));
  // Only t3 was written, with its receipt: the index now holds it too.
  EXPECT_EQ(store_->last_sequence(), 6u);
  EXPECT_EQ(store_->SequencesWithReceipt("R-0002").value(), std::vector<uint64_t>{6});
  const std::optional<v1::Event> t3 = store_->FindById("t3").value();
  ASSERT_TRUE(t3.has_value());
  EXPECT_EQ(t3->contribution_paid().tax_receipt_no(), "R-0002");
}

TEST_F(ReconcileTest, ImportRefusesATaxReceiptHeldByAnotherEvent) {
  constexpr char kPaid[] =
      R"({"event_id":"j1","type":"contribution_paid","employer_id":"A","effective_date":"2022-03-31","amount_fen":45000,"tax_receipt_no":"R-9"})"
      "\n";
  ASSERT_TRUE(ImportEvents(*store_, *rules_, "paid.jsonl", kPaid, 5).ok());
  // The same line again is a harmless re-import.
  EXPECT_TRUE(ImportEvents(*store_, *rules_, "paid.jsonl", kPaid, 6).ok());
  constexpr char kAgain[] =
      R"({"event_id":"j2","type":"catch_up_paid","employer_id":"A","effective_date":"2022-04-01","amount_fen":100,"tax_receipt_no":"R-9"})"
      "\n";
  const absl::StatusOr<ImportSummary> refused =
      ImportEvents(*store_, *rules_, "again.jsonl", kAgain, 7);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(),
              HasSubstr("again.jsonl:1: tax_receipt_no: R-9 is already recorded as event j1"));
  EXPECT_EQ(store_->last_sequence(), 5u);
}

// Returns `utf8` in GB18030, as Excel on a Chinese Windows saves it.
std::string ToGb18030(const std::string& utf8) {
  iconv_t descriptor = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(descriptor, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* next = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(descriptor, &in, &in_left, &next, &out_left), static_cast<size_t>(-1));
  iconv_close(descriptor);
  out.resize(out.size() - out_left);
  return out;
}

TEST_F(ReconcileTest, AGb18030FileReadsAsItsUtf8Text) {
  const std::string utf8 = std::string(kHeader) +
                           "g1,A,2022-03-31,45000,2022-03,,电子税票0001\n"
                           "g2,张掖某某公司,2022-03-31,100,,,\n";
  const std::string gb18030 = ToGb18030(utf8);
  ASSERT_NE(gb18030, utf8);  // the Chinese text is other bytes
  const ReconcileReport report =
      Reconcile(*store_, *rules_, "excel.csv", gb18030,
                {.apply = true, .now_us = 3, .encoding = FileEncoding::kGb18030})
          .value();
  ASSERT_EQ(report.details.size(), 2u);
  EXPECT_EQ(report.details[0].payment_class, PaymentClass::kMatched);
  EXPECT_EQ(report.details[1].payment_class, PaymentClass::kUnknownEmployer);
  EXPECT_EQ(report.details[1].employer_id, "张掖某某公司");
  // The receipt is stored in UTF-8; the sha256 is of the bytes as given.
  EXPECT_EQ(store_->FindById("g1").value()->contribution_paid().tax_receipt_no(),
            "电子税票0001");
  EXPECT_EQ(report.sha256_hex, store::HexEncode(store::Sha256(gb18030)));
}

TEST_F(ReconcileTest, AByteThatIsNotGb18030IsNamedByLineAndByte) {
  // Line 3, byte 4: 0x81 0x20 (a GB18030 lead byte with no valid trail).
  const std::string file = std::string(kHeader) + "g1,A,2022-03-31,45000,2022-03,,\n" +
                           "g2,\x81\x20,2022-03-31,1,,,\n";
  const absl::StatusOr<ReconcileReport> report =
      Reconcile(*store_, *rules_, "excel.csv", file,
                {.apply = true, .now_us = 3, .encoding = FileEncoding::kGb18030});
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.status().message(),
              HasSubstr("excel.csv:3: byte 4 of the line (offset 111 of the file): 0x81 0x20"));
  EXPECT_EQ(store_->last_sequence(), 4u);
}

// Employer B, registered before the file, owes May: one employee on a base
// of 300 000 fen, employer part 300 000 x 700 / 10 000 = 21 000 and employee
// part 6 000, due 2022-05-31 (a Tuesday); June's 27 000 is due 2022-06-30,
// after the file's last paid date, 2022-06-10.
constexpr char kEmployerB[] =
    R"({"event_id":"rb","type":"employer_registered","employer_id":"B","effective_date":"2022-01-01","name":"乙","pooling_area":"620700","entity_type":"enterprise","size_class":"small"})"
    "\n"
    R"({"event_id":"b05","type":"contribution_assessed","employer_id":"B","effective_date":"2022-05-01","period":"2022-05","lines":[{"employee_id":"F1","base_fen":300000}]})"
    "\n"
    R"({"event_id":"b06","type":"contribution_assessed","employer_id":"B","effective_date":"2022-06-01","period":"2022-06","lines":[{"employee_id":"F1","base_fen":300000}]})"
    "\n";

TEST_F(ReconcileTest, TheExpectedPeriodListsWhoOwesItWithNoRow) {
  ASSERT_TRUE(ImportEvents(*store_, *rules_, "b.jsonl", kEmployerB, 2).ok());
  const ReconcileReport report =
      Reconcile(*store_, *rules_, "payments.csv", testing::kPayments,
                {.apply = false, .now_us = 3, .expected_period = absl::CivilMonth(2022, 5)})
          .value();
  ASSERT_EQ(report.last_paid_date, absl::CivilDay(2022, 6, 10));
  // A has rows in the file (and paid May); B has none.
  ASSERT_EQ(report.unpaid.size(), 1u);
  EXPECT_EQ(report.unpaid[0].employer_id, "B");
  EXPECT_EQ(report.unpaid[0].name, "乙");
  EXPECT_EQ(report.unpaid[0].amount_fen, 27000);
  EXPECT_EQ(report.unpaid[0].due_date, absl::CivilDay(2022, 5, 31));
  EXPECT_EQ(report.unpaid_fen, 27000);
  // June is not due by 2022-06-10: nobody is listed for it.
  const ReconcileReport june =
      Reconcile(*store_, *rules_, "payments.csv", testing::kPayments,
                {.apply = false, .now_us = 3, .expected_period = absl::CivilMonth(2022, 6)})
          .value();
  EXPECT_TRUE(june.unpaid.empty());
}

TEST_F(ReconcileTest, EachEmployerTiesOutOutstandingBeforeMinusSettled) {
  const ReconcileReport report = Run(/*apply=*/false);
  ASSERT_EQ(report.employer_tie_outs.size(), 1u);
  const EmployerTieOut& a = report.employer_tie_outs[0];
  EXPECT_EQ(a.employer_id, "A");
  EXPECT_EQ(a.as_of, absl::CivilDay(2022, 6, 10));
  // March, April and May, 45 000 each, none paid; the rows settle them all.
  EXPECT_EQ(a.outstanding_before_fen, 135000);
  EXPECT_EQ(a.settled_principal_fen, 135000);
  EXPECT_EQ(a.outstanding_after_fen, 0);
  EXPECT_TRUE(report.tie_out_ok);
}

TEST_F(ReconcileTest, ABrokenTieOutWritesNothingAndNamesTheIdentity) {
  // Not in paid_date order: q1 (05-05) settles March when classified; q2
  // (04-10) does not see q1 and settles March too. Written, R10 gives March
  // to q2 and leaves q1 all credit: outstanding on 05-05 is 135 000 before,
  // 90 000 after, not 135 000 − 90 000.
  const std::string file = std::string(kHeader) + "q1,A,2022-05-05,45000,2022-03,,\n" +
                           "q2,A,2022-04-10,45000,2022-03,,\n";
  const ReconcileReport report =
      Reconcile(*store_, *rules_, "unsorted.csv", file, {.apply = true, .now_us = 3}).value();
  EXPECT_EQ(Total(report, PaymentClass::kMatched).rows, 2);
  EXPECT_FALSE(report.tie_out_ok);
  EXPECT_FALSE(report.applied);
  EXPECT_THAT(report.tie_out_problem,
              HasSubstr("employer A: outstanding principal on 2022-05-05 after the file, "
                        "90000 fen, is not 135000 before it minus 90000 settled by its rows "
                        "(45000 fen)"));
  EXPECT_EQ(store_->last_sequence(), 4u);
  EXPECT_TRUE(store_->ReconcileRuns(store::Sha256(file)).value().empty());
}

}  // namespace
}  // namespace ledger
