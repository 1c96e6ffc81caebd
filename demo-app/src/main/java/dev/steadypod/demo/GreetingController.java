package dev.steadypod.demo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class GreetingController {

	private final Greeter greeter;

	GreetingController(Greeter greeter) {
		this.greeter = greeter;
	}

	@GetMapping("/greeting")
	Greeter.Greeting greeting() {
		return this.greeter.greeting();
	}

}
