package dev.scopeml.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The parts of a pom.xml the checks compare against: properties and the Boot jar's name. */
public final class MavenPom {

  private final Path path;
  private final Document document;

  private MavenPom(Path path, Document document) {
    this.path = path;
    this.document = document;
  }

  /** Reads {@code path}. */
  public static MavenPom read(Path path) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new MavenPom(path, factory.newDocumentBuilder().parse(path.toFile()));
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  public Path path() {
    return path;
  }

  /** The {@code <properties>} of this pom. */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    child(document.getDocumentElement(), "properties")
        .ifPresent(
            element -> {
              for (Node node = element.getFirstChild();
                  node != null;
                  node = node.getNextSibling()) {
                if (node instanceof Element property) {
                  properties.put(property.getTagName(), property.getTextContent().strip());
                }
              }
            });
    return properties;
  }

  /** The project version, or the parent's when the pom inherits it. */
  public String version() {
    Element project = document.getDocumentElement();
    return child(project, "version")
        .or(() -> child(project, "parent").flatMap(parent -> child(parent, "version")))
        .map(element -> element.getTextContent().strip())
        .orElseThrow(() -> new IllegalStateException(path + " has no version"));
  }

  /**
   * The file name (without {@code .jar}) the spring-boot-maven-plugin's repackage writes to {@code
   * target/}, if this pom repackages.
   */
  public Optional<String> bootJarName() {
    var plugins = document.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      var plugin = (Element) plugins.item(i);
      if (child(plugin, "artifactId")
          .map(Element::getTextContent)
          .filter("spring-boot-maven-plugin"::equals)
          .isPresent()) {
        var names = plugin.getElementsByTagName("finalName");
        if (names.getLength() > 0) {
          return Optional.of(names.item(0).getTextContent().strip());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Element> child(Element parent, String tag) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(tag)) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }
}
