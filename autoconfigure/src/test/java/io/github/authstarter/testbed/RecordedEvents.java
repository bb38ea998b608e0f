package io.github.authstarter.testbed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.EventListener;

/**
 * Records the starter's events in a test application, as an app or a metrics binder would
 * observe them.
 */
public class RecordedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(Object event) {
		Object payload = (event instanceof PayloadApplicationEvent<?> wrapped) ? wrapped.getPayload() : event;
		if (payload.getClass().getPackageName().equals("io.github.authstarter.event")) {
			this.events.add(payload);
		}
	}

	/**
	 * The recorded events of a type.
	 * @param <T> the event type
	 * @param type the event type
	 * @return the events, oldest first
	 */
	public <T> List<T> of(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
