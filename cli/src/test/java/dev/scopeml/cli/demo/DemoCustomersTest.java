package dev.scopeml.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCustomersTest {

  @TempDir Path dir;

  @Test
  void oneCustomerPerContractTypeAndOneTheGlobalModelAnswers() throws Exception {
    Path csv = dir.resolve("churn.csv");
    Files.writeString(
        csv,
        """
        "churn","tenure","contract","monthly_charges","total_charges","payment_method"
        "No",1,"Month-to-month",29.85,29.85,"Electronic check"
        "Yes",5,"Two year",70.1,NA,"Bank transfer (automatic)"
        "No",9,"Month-to-month",10.5,94.5,"Mailed check"
        "No",34,"One year",56.95,1889.5,"Say ""hi"", then pay"
        """);

    List<DemoCustomers.Customer> customers = DemoCustomers.from(csv);

    assertThat(customers)
        .extracting(DemoCustomers.Customer::contract)
        .containsExactly("Month-to-month", "One year", "Two year", DemoCustomers.UNSEEN_CONTRACT);
    assertThat(customers)
        .extracting(DemoCustomers.Customer::expectedScope)
        .containsExactly("contract=Month-to-month", "contract=One year", "contract=Two year", "*");
    var first = customers.getFirst().features();
    assertThat(first).doesNotContainKey("churn");
    assertThat(first.get("tenure")).isEqualTo(1L);
    assertThat(first.get("monthly_charges")).isEqualTo(29.85);
    assertThat(customers.get(1).features().get("payment_method")).isEqualTo("Say \"hi\", then pay");
    assertThat(customers.get(2).features().get("total_charges"))
        .as("a missing value stays the text the predict API reads as missing")
        .isEqualTo("NA");
  }

  @Test
  void theBundledDataHasThreeContractTypes() {
    List<DemoCustomers.Customer> customers =
        DemoCustomers.from(Path.of("../datasets/telco_churn.csv"));

    assertThat(customers).hasSize(4);
    assertThat(customers.getLast().features())
        .containsEntry("contract", DemoCustomers.UNSEEN_CONTRACT);
  }
}
