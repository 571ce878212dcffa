package org.graphfit.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A value range on a linear or logarithmic scale: maps values to a position in {@code [0, 1]} and
 * chooses ticks whose labels fit. Immutable.
 *
 * @param scale the scale
 * @param low the value at position 0, positive on a log scale
 * @param high the value at position 1, above {@code low}
 */
record Axis(Scale scale, double low, double high) {
  private static final double[] MULTIPLES = {1, 2, 2.5, 5, 10};
  private static final int MOST_TICKS = 6;

  /** Checks the range. */
  Axis {
    if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("an axis needs low < high but got " + low + ", " + high);
    }
    if (scale == Scale.LOG && !(low > 0)) {
      throw new IllegalArgumentException("a log axis needs positive values but starts at " + low);
    }
  }

  /**
   * An axis spanning the given values, padded when they are equal.
   *
   * @param scale the scale
   * @param low the smallest value to show
   * @param high the largest value to show
   * @return the axis
   */
  static Axis spanning(Scale scale, double low, double high) {
    if (scale == Scale.LOG) {
      double a = Math.log10(low);
      double b = Math.log10(high);
      if (!(b > a)) {
        a -= 0.05;
        b += 0.05;
      }
      return new Axis(scale, Math.pow(10, a), Math.pow(10, b));
    }
    if (!(high > low)) {
      double pad = Math.max(Math.abs(low) * 1e-3, 1e-9);
      return new Axis(scale, low - pad, high + pad);
    }
    return new Axis(scale, low, high);
  }

  /** The position of a value: 0 at {@code low}, 1 at {@code high}, outside for values beyond. */
  double position(double value) {
    return scale == Scale.LOG
        ? (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
        : (value - low) / (high - low);
  }

  /** The value at a position, the inverse of {@link #position(double)}. */
  double value(double position) {
    return scale == Scale.LOG
        ? Math.pow(10, Math.log10(low) + position * (Math.log10(high) - Math.log10(low)))
        : low + position * (high - low);
  }

  /**
   * The densest set of at most six ticks whose labels keep {@code gap} pixels apart along an axis
   * {@code length} pixels long, at least two where possible.
   *
   * @param length the axis length in pixels
   * @param font the label font
   * @param horizontal whether the axis runs horizontally (labels side by side) or vertically
   * @param gap the least free space between neighbouring labels
   * @param overhang how far a label may reach beyond either end of the axis
   * @return the ticks, in increasing order
   */
  List<Tick> ticks(double length, Font font, boolean horizontal, double gap, double overhang) {
    List<List<Tick>> candidates = scale == Scale.LOG ? logCandidates() : linearCandidates();
    List<Tick> best = List.of();
    for (List<Tick> candidate : candidates) {
      List<Tick> ticks = inside(candidate, length, font, horizontal, overhang);
      if (ticks.size() > MOST_TICKS || !fits(ticks, length, font, horizontal, gap)) {
        continue;
      }
      if (ticks.size() > best.size()) {
        best = ticks;
      }
    }
    return best;
  }

  private boolean fits(List<Tick> ticks, double length, Font font, boolean horizontal, double gap) {
    for (int i = 1; i < ticks.size(); i++) {
      double distance =
          (position(ticks.get(i).value()) - position(ticks.get(i - 1).value())) * length;
      double needed =
          horizontal
              ? (ticks.get(i).width(font) + ticks.get(i - 1).width(font)) / 2 + gap
              : (ticks.get(i).height(font) + ticks.get(i - 1).height(font)) / 2 + gap;
      if (distance < needed) {
        return false;
      }
    }
    return true;
  }

  /** The ticks whose labels stay within the axis and the overhang. */
  private List<Tick> inside(
      List<Tick> ticks, double length, Font font, boolean horizontal, double overhang) {
    List<Tick> kept = new ArrayList<>();
    for (Tick tick : ticks) {
      double half = (horizontal ? tick.width(font) : tick.height(font)) / 2;
      double at = position(tick.value()) * length;
      if (at - half >= -overhang && at + half <= length + overhang) {
        kept.add(tick);
      }
    }
    return kept;
  }

  /** Tick sets from dense to sparse at nice steps (1, 2, 2.5, 5 times a power of ten). */
  private List<List<Tick>> linearCandidates() {
    List<List<Tick>> candidates = new ArrayList<>();
    for (int target = 12; target >= 1; target--) {
      double raw = (high - low) / target;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      for (double multiple : MULTIPLES) {
        double step = multiple * magnitude;
        if (step >= raw * (1 - 1e-9)) {
          candidates.add(linearTicks(step));
          break;
        }
      }
    }
    return candidates;
  }

  private List<Tick> linearTicks(double step) {
    List<Tick> ticks = new ArrayList<>();
    for (long k = (long) Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) {
      double value = k * step;
      if (Math.abs(value) < step * 1e-9) {
        value = 0;
      }
      ticks.add(new Tick(value, Numbers.tick(value, step), null));
    }
    return ticks;
  }

  /**
   * Tick sets for a log axis: every decade or every second, third, ... decade when the range spans
   * several, else 1-2-5 multiples, else linear steps inside the range.
   */
  private List<List<Tick>> logCandidates() {
    List<List<Tick>> candidates = new ArrayList<>();
    int first = (int) Math.ceil(Math.log10(low) - 1e-9);
    int last = (int) Math.floor(Math.log10(high) + 1e-9);
    for (int every = 1; every <= Math.max(1, last - first); every++) {
      List<Tick> ticks = new ArrayList<>();
      int start = Math.floorDiv(first + every - 1, every) * every;
      for (int k = start; k <= last; k += every) {
        ticks.add(new Tick(Math.pow(10, k), "10", exponent(k)));
      }
      candidates.add(ticks);
    }
    if (last - first < 2) {
      for (double[] multiples : new double[][] {{1, 2, 5}, {1, 3}}) {
        List<Tick> ticks = new ArrayList<>();
        for (int k = first - 1; k <= last; k++) {
          for (double multiple : multiples) {
            double value = multiple * Math.pow(10, k);
            if (value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9)) {
              ticks.add(new Tick(value, Numbers.tick(value, Math.pow(10, k)), null));
            }
          }
        }
        candidates.add(ticks);
      }
      candidates.addAll(new Axis(Scale.LINEAR, low, high).linearCandidates());
    }
    return candidates;
  }

  private static String exponent(int k) {
    return k < 0 ? Numbers.MINUS + (-k) : Integer.toString(k);
  }

  /**
   * A tick: its value and label, drawn as {@code text} or, with an exponent, as a power {@code
   * text^exponent}.
   *
   * @param value the value
   * @param text the label, or the base of a power
   * @param exponent the exponent of a power, or null
   */
  record Tick(double value, String text, String exponent) {
    /** The width of the label in a font. */
    double width(Font font) {
      return exponent == null
          ? Text.width(text, font)
          : Text.width(text, font) + Text.width(exponent, superscript(font));
    }

    /** The height of the label in a font: a power's exponent rises above the line. */
    double height(Font font) {
      return Text.height(font) + (exponent == null ? 0 : Text.ascent(font) * 0.35);
    }

    /** The box of the label anchored as in {@link Text#box}. */
    Rectangle2D box(Font font, double x, double y, double anchor) {
      double width = width(font);
      double height = height(font);
      return new Rectangle2D.Double(x - anchor * width, y - height / 2, width, height);
    }

    /** Draws the label into its {@link #box}. */
    void draw(Graphics2D g, Font font, double x, double y, double anchor) {
      Rectangle2D box = box(font, x, y, anchor);
      double baseline = box.getMaxY() - Text.descent(font);
      g.setFont(font);
      g.drawString(text, (float) box.getX(), (float) baseline);
      if (exponent != null) {
        Font small = superscript(font);
        g.setFont(small);
        g.drawString(
            exponent,
            (float) (box.getX() + Text.width(text, font)),
            (float) (baseline - Text.ascent(font) * 0.45));
      }
    }

    private static Font superscript(Font font) {
      return font.deriveFont(font.getSize2D() * 0.75f);
    }
  }
}
