package io.symphra.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application whose two beans are scheduled by Symphra through the starter; its metrics are at
 * {@code /actuator/prometheus}, its tasks at {@code /actuator/symphra}.
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
