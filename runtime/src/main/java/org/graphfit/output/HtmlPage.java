package org.graphfit.output;

/**
 * The frame of the self-contained HTML pages GraphFit writes, a fit's {@code report.html} and the
 * index page over many fits: the document head with the title and the inline style sheet, the title
 * as the page's heading, the footer, and text escaped for HTML.
 */
public final class HtmlPage {
  private HtmlPage() {}

  /**
   * Starts a page: the head, then the body's {@code main} element with the title as its heading.
   *
   * @param title the page's title, as text
   * @param css the style sheet, each line ending with a line break
   * @return the page so far, to be finished with {@link #end(StringBuilder)}
   */
  public static StringBuilder start(String title, String css) {
    return new StringBuilder()
        .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(css)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
  }

  /**
   * Ends a page begun with {@link #start(String, String)}: the footer and the closing tags.
   *
   * @param html the page so far
   * @return the whole page
   */
  public static String end(StringBuilder html) {
    return html.append("<footer>Written by GraphFit.</footer>\n</main>\n</body>\n</html>\n")
        .toString();
  }

  /**
   * Text as HTML: ampersands, angle brackets and double quotes escaped, so that it reads as written
   * in an element and in a quoted attribute.
   *
   * @param text the text
   * @return the escaped text
   */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
