package dev.scopeml.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customers the demo asks about: the first customer of each contract type in the bundled telco
 * churn data, plus one with a contract type no model was trained for, which the global model
 * answers.
 */
final class DemoCustomers {

  static final String LABEL = "churn";
  static final String SCOPE = "contract";
  static final String UNSEEN_CONTRACT = "Weekly";

  private DemoCustomers() {}

  /**
   * One customer the demo sends.
   *
   * @param features the row without its label, as the predict API takes it
   */
  record Customer(Map<String, Object> features) {

    String contract() {
      return features.get(SCOPE).toString();
    }

    /** The scope that should answer: its contract's model, or the global one for unseen types. */
    String expectedScope() {
      return contract().equals(UNSEEN_CONTRACT) ? "*" : SCOPE + "=" + contract();
    }
  }

  static List<Customer> from(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    List<String> header = fields(lines.getFirst()).stream().map(Field::text).toList();
    var firstOfEachContract = new TreeMap<String, Customer>();
    for (String line : lines.subList(1, lines.size())) {
      Customer customer = customer(header, fields(line));
      firstOfEachContract.putIfAbsent(customer.contract(), customer);
    }
    var customers = new ArrayList<>(firstOfEachContract.values());
    var unseen = new LinkedHashMap<>(customers.getFirst().features());
    unseen.put(SCOPE, UNSEEN_CONTRACT);
    customers.add(new Customer(unseen));
    return List.copyOf(customers);
  }

  private static Customer customer(List<String> header, List<Field> fields) {
    var features = new LinkedHashMap<String, Object>();
    for (int i = 0; i < header.size(); i++) {
      if (!header.get(i).equals(LABEL)) {
        features.put(header.get(i), fields.get(i).value());
      }
    }
    return new Customer(features);
  }

  /**
   * A CSV field: quoted ones are text (the bundled files quote every text), bare ones numbers, or a
   * missing value ({@code NA}, empty) that the predict API takes as it is.
   */
  private record Field(String text, boolean quoted) {
    Object value() {
      if (quoted) {
        return text;
      }
      try {
        return text.contains(".") ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
      } catch (NumberFormatException missing) {
        return text;
      }
    }
  }

  private static List<Field> fields(String line) {
    var fields = new ArrayList<Field>();
    var current = new StringBuilder();
    boolean inQuotes = false;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        inQuotes = true;
        quoted = true;
      } else if (c == ',') {
        fields.add(new Field(current.toString(), quoted));
        current.setLength(0);
        quoted = false;
      } else {
        current.append(c);
      }
    }
    fields.add(new Field(current.toString(), quoted));
    return fields;
  }
}
