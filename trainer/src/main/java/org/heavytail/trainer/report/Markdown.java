package org.heavytail.trainer.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * A small builder for a Markdown document: headings, paragraphs, Tablesaw tables and image links
 * (relative to the document's folder), written once with {@link #write(Path)}.
 */
public final class Markdown {

  private final StringBuilder sb = new StringBuilder();

  private Markdown() {}

  /** A new document with a level-1 title. */
  public static Markdown titled(String title) {
    Markdown md = new Markdown();
    md.sb.append("# ").append(title).append("\n\n");
    return md;
  }

  /** Adds a heading of the given level (2..6). */
  public Markdown heading(int level, String text) {
    if (level < 2 || level > 6) {
      throw new IllegalArgumentException("level: expected 2..6, got " + level);
    }
    sb.append("#".repeat(level)).append(' ').append(text).append("\n\n");
    return this;
  }

  /** Adds a paragraph. */
  public Markdown paragraph(String text) {
    sb.append(text.strip()).append("\n\n");
    return this;
  }

  /** Adds a bulleted list item. */
  public Markdown bullet(String text) {
    sb.append("- ").append(text.strip()).append('\n');
    return this;
  }

  /** Ends a bulleted list. */
  public Markdown endList() {
    sb.append('\n');
    return this;
  }

  /** Adds a fenced code block. */
  public Markdown code(String text) {
    sb.append("```\n").append(text.strip()).append("\n```\n\n");
    return this;
  }

  /** Adds a table with doubles to 4 significant digits. */
  public Markdown table(Table table) {
    sb.append(MarkdownTable.of(table)).append('\n');
    return this;
  }

  /** Adds an image link; {@code file} is made relative to {@code dir} (the document's folder). */
  public Markdown image(Path dir, Path file, String alt) {
    Path rel = dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    sb.append("![").append(alt).append("](").append(rel.toString().replace('\\', '/'))
        .append(")\n\n");
    return this;
  }

  /** The document so far. */
  @Override
  public String toString() {
    return sb.toString();
  }

  /** Writes the document (UTF-8), creating parent folders. */
  public Path write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }
}
