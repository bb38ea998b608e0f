package io.github.authstarter.benchmarks.chaos;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import io.github.authstarter.benchmarks.chaos.FaultWindow.Fault;

/**
 * The run as a picture: requests per second, 503s and other 5xx per second, over the
 * shaded fault windows.
 */
final class TimelinePlot {

	private static final int WIDTH = 1400;

	private static final int HEIGHT = 460;

	private static final int LEFT = 60;

	private static final int RIGHT = 20;

	private static final int TOP = 40;

	private static final int BOTTOM = 60;

	private static final Map<Fault, Color> SHADES = Map.of(Fault.INSTANCE_KILLED, new Color(255, 200, 200),
			Fault.REDIS_MASTER_KILLED, new Color(255, 225, 170), Fault.PROVIDER_STOPPED, new Color(200, 220, 255),
			Fault.INSTANCE_PAUSED, new Color(215, 240, 200));

	private TimelinePlot() {
	}

	static void write(Ledger ledger, double elapsed, Path png) {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		int seconds = Math.max(1, (int) elapsed);
		long peak = 1;
		for (int second = 0; second < seconds; second++) {
			peak = Math.max(peak, ledger.requests(second));
		}
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		for (FaultWindow window : ledger.faults()) {
			g.setColor(SHADES.get(window.kind()));
			int x = LEFT + (int) (window.start() / seconds * plotWidth);
			int w = Math.max(2, (int) ((window.end() - window.start()) / seconds * plotWidth));
			g.fillRect(x, TOP, w, (int) plotHeight);
		}
		g.setColor(Color.GRAY);
		g.drawRect(LEFT, TOP, (int) plotWidth, (int) plotHeight);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		for (int tick = 0; tick <= 4; tick++) {
			long value = peak * tick / 4;
			int y = TOP + (int) (plotHeight - plotHeight * tick / 4);
			g.drawString(String.valueOf(value), 8, y + 4);
		}
		int step = (seconds > 1200) ? 600 : (seconds > 300) ? 60 : 10;
		for (int second = 0; second <= seconds; second += step) {
			int x = LEFT + (int) (second / (double) seconds * plotWidth);
			g.drawString((step >= 60) ? (second / 60) + " min" : second + " s", x - 10, HEIGHT - BOTTOM + 16);
		}
		series(g, ledger, seconds, peak, plotWidth, plotHeight, 0, new Color(40, 90, 200));
		series(g, ledger, seconds, peak, plotWidth, plotHeight, 1, new Color(230, 130, 0));
		series(g, ledger, seconds, peak, plotWidth, plotHeight, 2, new Color(200, 0, 0));
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.setColor(Color.BLACK);
		g.drawString("Chaos soak: answers per second (blue), 503 with Retry-After (orange), other 5xx (red)", LEFT, 24);
		legend(g);
		g.dispose();
		try {
			ImageIO.write(image, "png", png.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void series(Graphics2D g, Ledger ledger, int seconds, long peak, double plotWidth, double plotHeight,
			int which, Color color) {
		g.setColor(color);
		g.setStroke(new BasicStroke(1.3f));
		int previousX = -1;
		int previousY = -1;
		for (int second = 0; second < seconds; second++) {
			long value = switch (which) {
				case 0 -> ledger.requests(second);
				case 1 -> ledger.unavailable(second);
				default -> ledger.errors5xx(second);
			};
			int x = LEFT + (int) (second / (double) seconds * plotWidth);
			int y = TOP + (int) (plotHeight - plotHeight * value / peak);
			if (previousX >= 0) {
				g.drawLine(previousX, previousY, x, y);
			}
			previousX = x;
			previousY = y;
		}
	}

	private static void legend(Graphics2D g) {
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		int x = LEFT;
		for (Fault fault : Fault.values()) {
			g.setColor(SHADES.get(fault));
			g.fillRect(x, HEIGHT - 26, 14, 14);
			g.setColor(Color.BLACK);
			g.drawString(fault.label(), x + 18, HEIGHT - 14);
			x += 24 + g.getFontMetrics().stringWidth(fault.label()) + 20;
		}
	}

}
